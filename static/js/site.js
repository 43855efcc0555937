// Settlement picker: a click on a found settlement fills the KATO code field.
// Without JavaScript the code can be typed directly into that field.
document.addEventListener("click", function (event) {
  var option = event.target.closest("button.option[data-code]");
  if (!option) return;
  var field = document.getElementById(option.dataset.target);
  if (!field) return;
  field.value = option.dataset.code;
  var chosen = document.getElementById("settlement-chosen");
  if (chosen) chosen.textContent = option.dataset.label;
  var list = option.closest(".options");
  if (list) list.innerHTML = "";
  field.focus();
});
