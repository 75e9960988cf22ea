// "Was this helpful?": an answer opens the site's feedback address with the
// page filled in, and dispatches a fieldguide:feedback event (detail:
// answer, url, title, href) for hosts with their own analytics. Nothing is
// sent by the page itself.
(function () {
  "use strict";

  function fill(template, values) {
    return template.replace(/\{(url|title|answer)\}/g, function (_, key) {
      return encodeURIComponent(values[key]);
    });
  }

  function feedbackHref(template, values) {
    var href = fill(template, values);
    if (!/^mailto:/i.test(template)) {
      return href;
    }
    var subject = "Feedback: " + values.title;
    var body = "Was this helpful? " + (values.answer === "yes" ? "Yes" : "No") + "\n" + values.url + "\n";
    return href + (href.indexOf("?") < 0 ? "?" : "&") +
      "subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(body);
  }

  document.querySelectorAll("[data-fg-feedback]").forEach(function (box) {
    var template = box.getAttribute("data-fg-feedback");
    var title = box.getAttribute("data-fg-title") || document.title;
    var url = box.getAttribute("data-fg-url") || location.href.split("#")[0];
    var status = box.querySelector(".fg-feedback-status");
    box.hidden = false;
    box.addEventListener("click", function (ev) {
      var button = ev.target.closest && ev.target.closest("button[data-fg-answer]");
      if (!button) {
        return;
      }
      var values = { url: url, title: title, answer: button.getAttribute("data-fg-answer") };
      var href = feedbackHref(template, values);
      box.dispatchEvent(new CustomEvent("fieldguide:feedback", {
        bubbles: true,
        detail: { answer: values.answer, url: url, title: title, href: href }
      }));
      if (status) {
        status.textContent = "Thank you. Your answer opens in a new window.";
      }
      if (/^mailto:/i.test(href)) {
        location.href = href;
      } else {
        window.open(href, "_blank", "noopener");
      }
    });
  });
})();
