// "Was this helpful?", on the page and on each FAQ question: an answer opens
// the site's feedback address with the page (and question) filled in, and
// dispatches a fieldguide:feedback event (detail: answer, url, title, href,
// page, question) for hosts with their own analytics. Nothing is sent by
// the page itself. The boxes show from the first paint where scripts run
// (living.css), so nothing moves when this script arrives.
(function () {
  "use strict";
  var page = document.querySelector("[data-fg-feedback]");
  if (!page) {
    return;
  }
  var template = page.getAttribute("data-fg-feedback");
  var pageTitle = page.getAttribute("data-fg-title") || document.title;
  var pageURL = page.getAttribute("data-fg-url") || location.href.split("#")[0];

  function fill(values) {
    return template.replace(/\{(url|title|answer)\}/g, function (_, key) {
      return encodeURIComponent(values[key]);
    });
  }

  function feedbackHref(values) {
    var href = fill(values);
    if (!/^mailto:/i.test(template)) {
      return href;
    }
    var subject = "Feedback: " + values.title;
    var body = "Was this helpful? " + (values.answer === "yes" ? "Yes" : "No") + "\n" + values.url + "\n";
    return href + (href.indexOf("?") < 0 ? "?" : "&") +
      "subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(body);
  }

  document.addEventListener("click", function (ev) {
    var button = ev.target.closest && ev.target.closest("button[data-fg-answer]");
    var box = button && button.closest("[data-fg-feedback], [data-fg-question]");
    if (!box) {
      return;
    }
    // A question is named by its text and its #anchor on the page.
    var question = box.getAttribute("data-fg-question") || "";
    var url = question ? pageURL + "#" + box.getAttribute("data-fg-anchor") : pageURL;
    var values = { url: url, title: question || pageTitle, answer: button.getAttribute("data-fg-answer") };
    var href = feedbackHref(values);
    box.dispatchEvent(new CustomEvent("fieldguide:feedback", {
      bubbles: true,
      detail: { answer: values.answer, url: url, title: values.title, href: href, page: pageTitle, question: question }
    }));
    var status = box.querySelector(".fg-feedback-status");
    if (status) {
      status.textContent = question ? "Thank you." : "Thank you. Your answer opens in a new window.";
    }
    if (/^mailto:/i.test(href)) {
      location.href = href;
    } else {
      window.open(href, "_blank", "noopener");
    }
  });
})();
