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

// Application forms: rows added to tables, and a copy of what was typed kept
// in this browser until the server has saved it (a dropped connection or a
// closed tab loses nothing; on the next visit the copy is put back and saved).
(function () {
  var PREFIX = "ecodialogue:draft:";

  function formValues(form) {
    var values = {};
    new FormData(form).forEach(function (value, name) {
      if (typeof value !== "string" || name === "csrfmiddlewaretoken" || name === "version" || name === "force_version") return;
      (values[name] = values[name] || []).push(value);
    });
    return values;
  }

  function versionOf(form) {
    var field = form.querySelector("[name=version]");
    return field ? field.value : "";
  }

  function keep(form) {
    try {
      localStorage.setItem(PREFIX + form.dataset.autosaveKey,
        JSON.stringify({ version: versionOf(form), at: Date.now(), values: formValues(form) }));
    } catch (e) { /* private mode or full storage: the server copy still works */ }
  }

  function addRow(form, table) {
    var template = document.getElementById("row-template-" + table);
    var body = form.querySelector('table[data-rows="' + table + '"] tbody');
    if (!template || !body) return null;
    var index = 0;
    body.querySelectorAll("input, select").forEach(function (field) {
      var match = field.name.match(/^[a-z]+-(\d+)-/);
      if (match) index = Math.max(index, parseInt(match[1], 10) + 1);
    });
    var html = template.innerHTML.replace(/__i__/g, String(index));
    body.insertAdjacentHTML("beforeend", html);
    return index;
  }

  function apply(form, saved) {
    Object.keys(saved.values).forEach(function (name) {
      var row = name.match(/^([a-z]+)-(\d+)-/);
      var guard = 0;
      while (row && !form.elements[name] && guard++ < 60) { if (addRow(form, row[1]) === null) break; }
    });
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.type === "hidden" || field.type === "file" || field.type === "submit" || field.type === "button") return;
      var values = saved.values[field.name] || [];
      if (field.type === "checkbox" || field.type === "radio") field.checked = values.indexOf(field.value) !== -1;
      else field.value = values.length ? values[0] : "";
    });
    // Saved from the version it was typed on: if the server moved on since, the save is refused as a conflict.
    var version = form.querySelector("[name=version]");
    if (version && saved.version) version.value = saved.version;
    if (window.htmx) window.htmx.trigger(form, "change");
  }

  function notice(form, text) {
    var note = document.createElement("div");
    note.className = "message warning";
    note.setAttribute("role", "status");
    var p = document.createElement("p");
    p.textContent = text;
    note.appendChild(p);
    form.insertBefore(note, form.firstChild);
    return note;
  }

  function restore(form) {
    var key = PREFIX + form.dataset.autosaveKey;
    var saved;
    try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { saved = null; }
    if (!saved) return;
    if (JSON.stringify(saved.values) === JSON.stringify(formValues(form))) { localStorage.removeItem(key); return; }
    if (saved.version === versionOf(form)) {
      // Nobody saved since these keystrokes: they were lost on the way (a dropped connection, a closed tab).
      apply(form, saved);
      notice(form, form.dataset.restoredText || "");
      return;
    }
    // Typed on an older version and someone saved since: ask; putting them back shows both versions.
    var note = notice(form, form.dataset.olderText || "");
    [["restoreLabel", function () { apply(form, saved); }], ["discardLabel", function () { localStorage.removeItem(key); }]]
      .forEach(function (choice) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "small secondary";
        button.textContent = form.dataset[choice[0]] || "";
        button.addEventListener("click", function () { choice[1](); note.remove(); });
        note.appendChild(button);
        note.appendChild(document.createTextNode(" "));
      });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-discard-draft]");
    var form = link && document.querySelector("form[data-autosave-key]");
    if (form) localStorage.removeItem(PREFIX + form.dataset.autosaveKey);
  });
  // Signing out forgets every unsaved copy: the next person at this computer must not find them.
  document.addEventListener("submit", function (event) {
    if (!event.target.matches || !event.target.matches("form[data-clears-drafts]")) return;
    try {
      Object.keys(localStorage).forEach(function (key) { if (key.indexOf(PREFIX) === 0) localStorage.removeItem(key); });
    } catch (e) { /* nothing stored */ }
  });

  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form[data-autosave-key]");
    if (form) keep(form);
  });
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form[data-autosave-key]");
    if (form) keep(form);
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-add-row]");
    if (!button) return;
    var form = button.closest("form");
    var index = addRow(form, button.dataset.addRow);
    if (index !== null) {
      var first = form.querySelector('[name^="' + button.dataset.addRow + "-" + index + '-"]');
      if (first) first.focus();
    }
  });
  var sent = new WeakMap();
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (form && form.matches && form.matches("form[data-autosave-key]")) sent.set(form, JSON.stringify(formValues(form)));
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var form = document.querySelector("form[data-autosave-key]");
    var xhr = event.detail && event.detail.xhr;
    if (!form || !xhr || event.detail.requestConfig && event.detail.requestConfig.elt !== form) return;
    // The copy goes only if the server now holds exactly what the form shows: anything typed while the
    // save was on its way stays in this browser, on the new version.
    if (xhr.status === 200 && sent.get(form) === JSON.stringify(formValues(form))) {
      localStorage.removeItem(PREFIX + form.dataset.autosaveKey);
    } else if (xhr.status === 200 || xhr.status === 422) {
      keep(form);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-autosave-key]").forEach(restore);
  });
})();

// Budget lines: the total of a line follows its quantity and unit cost as they are typed.
document.addEventListener("input", function (event) {
  var row = event.target.closest && event.target.closest("tr");
  if (!row || !(event.target.matches("[data-qty]") || event.target.matches("[data-cost]"))) return;
  var number = function (field) { return parseFloat((field.value || "").replace(/[\s\u00a0]/g, "").replace(",", ".")); };
  var quantity = number(row.querySelector("[data-qty]")), cost = number(row.querySelector("[data-cost]"));
  var cell = row.querySelector("[data-line-total]");
  if (cell) cell.textContent = isFinite(quantity * cost) ? (Math.round(quantity * cost * 100) / 100).toFixed(2) : "";
});

// A click on Save while an autosave is on its way would carry the version before it (a conflict
// with oneself): wait for the autosave to answer, then submit with the version it returned.
(function () {
  var busy = new WeakMap();
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (!form || !form.matches || !form.matches("form[data-autosave-key]")) return;
    // The form is being sent as a whole: an autosave that was still waiting has nothing left to do.
    if (form.dataset.submitting === "1") { event.preventDefault(); return; }
    busy.set(form, true);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (!form || !form.matches || !form.matches("form[data-autosave-key]")) return;
    busy.set(form, false);
    if (form.dataset.submitAfterSave === "1") {
      form.dataset.submitAfterSave = "";
      setTimeout(function () { form.requestSubmit(); }, 0);
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-autosave-key]") || !busy.get(form)) return;
    if (event.submitter && event.submitter.name === "force_version") return;
    event.preventDefault();
    form.dataset.submitAfterSave = "1";
  }, true);
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!event.defaultPrevented && form.matches && form.matches("form[data-autosave-key]")) form.dataset.submitting = "1";
  });
})();
