package render

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"math"
	"reflect"
	"sync"
)

// Hash is a hash of the view's value: every exported field, reached
// through slices and pointers, with lengths and nil-ness, so two views
// hash alike only when a template cannot tell them apart (and, short of
// a collision, when they are equal). It walks the value by reflection,
// so a field added to View or to a type it holds is hashed with nothing
// else to change; seed makes hashes comparable within one process.
func (v *View) Hash(seed maphash.Seed) uint64 {
	var w hashWriter
	w.h.SetSeed(seed)
	viewEncoder(&w, reflect.ValueOf(v).Elem())
	return w.h.Sum64()
}

// hashWriter streams a value into a hash without allocating.
type hashWriter struct {
	h   maphash.Hash
	buf [8]byte
}

func (w *hashWriter) uint(n uint64) {
	binary.LittleEndian.PutUint64(w.buf[:], n)
	w.h.Write(w.buf[:])
}

func (w *hashWriter) string(s string) {
	w.uint(uint64(len(s)))
	w.h.WriteString(s)
}

// encoder writes one value of a fixed type.
type encoder func(w *hashWriter, v reflect.Value)

var (
	viewEncoder = encoderFor(reflect.TypeFor[View]())
	encoders    sync.Map // reflect.Type -> encoder, for interface fields
)

// encoderFor builds the encoder of type t once, so hashing a view does
// not inspect its types again. Views hold no recursive types.
func encoderFor(t reflect.Type) encoder {
	switch t.Kind() {
	case reflect.String:
		return func(w *hashWriter, v reflect.Value) { w.string(v.String()) }
	case reflect.Bool:
		return func(w *hashWriter, v reflect.Value) {
			if v.Bool() {
				w.h.WriteByte(1)
			} else {
				w.h.WriteByte(0)
			}
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(w *hashWriter, v reflect.Value) { w.uint(uint64(v.Int())) }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(w *hashWriter, v reflect.Value) { w.uint(v.Uint()) }
	case reflect.Float32, reflect.Float64:
		return func(w *hashWriter, v reflect.Value) { w.uint(math.Float64bits(v.Float())) }
	case reflect.Pointer:
		elem := encoderFor(t.Elem())
		return func(w *hashWriter, v reflect.Value) {
			if v.IsNil() {
				w.h.WriteByte(0)
				return
			}
			w.h.WriteByte(1)
			elem(w, v.Elem())
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return func(w *hashWriter, v reflect.Value) {
				w.uint(uint64(v.Len()))
				w.h.Write(v.Bytes())
			}
		}
		elem := encoderFor(t.Elem())
		return func(w *hashWriter, v reflect.Value) {
			n := v.Len()
			w.uint(uint64(n))
			for i := range n {
				elem(w, v.Index(i))
			}
		}
	case reflect.Array:
		elem := encoderFor(t.Elem())
		return func(w *hashWriter, v reflect.Value) {
			for i := range v.Len() {
				elem(w, v.Index(i))
			}
		}
	case reflect.Struct:
		type field struct {
			index int
			enc   encoder
		}
		var fields []field
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() {
				fields = append(fields, field{i, encoderFor(f.Type)})
			}
		}
		return func(w *hashWriter, v reflect.Value) {
			for _, f := range fields {
				f.enc(w, v.Field(f.index))
			}
		}
	case reflect.Interface:
		return func(w *hashWriter, v reflect.Value) {
			if v.IsNil() {
				w.h.WriteByte(0)
				return
			}
			e := v.Elem()
			w.h.WriteByte(1)
			w.string(e.Type().String())
			enc, ok := encoders.Load(e.Type())
			if !ok {
				enc, _ = encoders.LoadOrStore(e.Type(), encoderFor(e.Type()))
			}
			enc.(encoder)(w, e)
		}
	}
	// Maps iterate in random order, and functions and channels have no
	// value to hash: a view holds none (TestViewIsPlain).
	panic(fmt.Sprintf("render: a view cannot hold a %s", t))
}
