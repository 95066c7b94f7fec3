// While the title is typed, show similar questions, experiences and resources (progressive
// enhancement: without JavaScript, the "Voir les contenus proches" button does the same).
(function () {
  const form = document.getElementById("question-form");
  if (!form || !window.htmx) return;
  const title = form.querySelector("input[name='title']");
  if (!title) return;
  let timer = null;
  title.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      const url = form.dataset.similarUrl + "?title=" + encodeURIComponent(title.value);
      window.htmx.ajax("GET", url, { target: "#question-suggestions", swap: "outerHTML" });
    }, 500);
  });
})();
