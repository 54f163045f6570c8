/* The form's controls: one widget per field and one textarea per body section. A widget is
 * { field or section, wrap, error, errorId, control, get, set, focusTarget, describe }. */

import { el } from "../dom.js";
import { ID, T } from "./texts.js";

const describedBy = (ids) => ids.filter(Boolean).join(" ");

function labelSuffix(required) {
  return el("span", { class: "lardom-contribute__req", text: ` (${required ? T.required : T.optional})` });
}

function setInvalid(control, hasError) {
  if (hasError) control.setAttribute("aria-invalid", "true");
  else control.removeAttribute("aria-invalid");
}

function selectControl(field, id) {
  const control = el("select", { id, name: field.key, class: "lardom-contribute__input lardom-contribute__input--select" },
    el("option", { value: "", text: field.placeholder || T.choosePhase }));
  for (const c of field.choices) {
    control.appendChild(el("option", { value: c.id, text: c.label + (field.showIds ? ` (${c.id})` : "") }));
  }
  return control;
}

function agencyControl(field, id, w) {
  const listId = `${id}-list`;
  const datalist = el("datalist", { id: listId });
  for (const c of field.choices) datalist.appendChild(el("option", { value: c.label }));
  w.folder = el("p", { class: "lardom-contribute__folder", id: `${id}-folder` });
  w.extra = [el("p", { class: "lardom-contribute__hint", id: `${id}-hint2`, text: T.agencyHint }), w.folder];
  w.wrap.appendChild(datalist);
  return el("input", {
    id, name: field.key, type: "text", list: listId, autocomplete: "off", spellcheck: "false",
    class: "lardom-contribute__input",
  });
}

function singleControl(field, id, w) {
  switch (field.widget) {
    case "textarea":
      return el("textarea", { id, name: field.key, rows: "4", class: "lardom-contribute__input" });
    case "select":
      return selectControl(field, id);
    case "date":
      // Text, not type=date: a date picker shows the browser's locale (11/28/2026) while the
      // hint and the file say ÅÅÅÅ-MM-DD. The pattern and numeric keyboard help on a phone.
      return el("input", {
        id, name: field.key, type: "text", inputmode: "numeric", pattern: "\\d{4}-\\d{2}-\\d{2}",
        placeholder: "ÅÅÅÅ-MM-DD", autocomplete: "off", maxlength: "10",
        class: "lardom-contribute__input lardom-contribute__input--date",
      });
    case "agency":
      return agencyControl(field, id, w);
    case "number":
      // Text with a numeric keyboard: type=number would refuse "12 000 000", which readers write.
      return el("input", {
        id, name: field.key, type: "text", inputmode: field.integer ? "numeric" : "decimal", autocomplete: "off",
        class: "lardom-contribute__input lardom-contribute__input--number",
      });
    default:
      return el("input", { id, name: field.key, type: "text", class: "lardom-contribute__input", autocomplete: "off" });
  }
}

/** text, textarea, date, agency and select: one control with its label. */
function singleField(field, id, w, hint) {
  w.extra = [];
  const control = singleControl(field, id, w);
  if (field.maxLength && (field.widget === "text" || field.widget === "textarea")) {
    w.counter = el("p", { class: "lardom-contribute__counter", id: `${id}-count` });
  }
  w.wrap.appendChild(el("label", { for: id, class: "lardom-contribute__label" }, field.label, labelSuffix(field.required)));
  if (hint) w.wrap.appendChild(hint);
  for (const x of w.extra) w.wrap.appendChild(x);
  w.wrap.appendChild(w.error);
  w.wrap.appendChild(control);
  if (w.counter) w.wrap.appendChild(w.counter);
  const descIds = [hint && hint.id, ...w.extra.map((x) => x.id), w.counter && w.counter.id];
  w.control = control;
  w.describe = (hasError) => {
    control.setAttribute("aria-describedby", describedBy(descIds.concat(hasError ? [w.errorId] : [])));
    setInvalid(control, hasError);
  };
  w.get = () => control.value;
  w.set = (v) => { control.value = v === undefined || v === null ? "" : String(v); };
  w.focusTarget = () => control;
  return w;
}

function choiceInputs(field, id, list, multiple) {
  return field.choices.map((c) => {
    const inputId = `${id}-${c.id}`;
    const input = el("input", { type: multiple ? "checkbox" : "radio", id: inputId, name: field.key, value: c.id });
    list.appendChild(el("div", { class: "lardom-contribute__choice" }, input,
      el("label", { for: inputId }, c.label, field.showIds ? el("span", { class: "lardom-contribute__id", text: ` (${c.id})` }) : null)));
    return input;
  });
}

function groupAccess(w, inputs, multiple) {
  if (multiple) {
    w.get = () => inputs.filter((i) => i.checked).map((i) => i.value);
    w.set = (v) => {
      const want = Array.isArray(v) ? v : [];
      for (const i of inputs) i.checked = want.includes(i.value);
    };
  } else {
    w.get = () => (inputs.find((i) => i.checked) || { value: "" }).value;
    w.set = (v) => { for (const i of inputs) i.checked = i.value === v; };
  }
  w.focusTarget = () => inputs.find((i) => i.checked) || inputs[0];
}

/** radio and checkbox groups: a fieldset with a legend. */
function groupField(field, id, w, hint) {
  const multiple = field.widget === "checkbox";
  const fieldset = el("fieldset", { class: "lardom-contribute__group", id },
    el("legend", { class: "lardom-contribute__label" }, field.label, labelSuffix(field.required)));
  if (hint) fieldset.appendChild(hint);
  if (multiple && field.maxItems !== null) w.counter = el("p", { class: "lardom-contribute__counter", id: `${id}-count` });
  fieldset.appendChild(w.error);
  const columns = multiple || field.choices.length > 4 ? " lardom-contribute__choices--columns" : "";
  const list = el("div", { class: `lardom-contribute__choices${columns}` });
  const inputs = choiceInputs(field, id, list, multiple);
  fieldset.appendChild(list);
  if (w.counter) fieldset.appendChild(w.counter);
  w.wrap.appendChild(fieldset);
  w.inputs = inputs;
  w.describe = (hasError) => {
    fieldset.setAttribute("aria-describedby", describedBy([hint && hint.id, w.counter && w.counter.id, hasError && w.errorId]));
    for (const i of inputs) setInvalid(i, hasError);
  };
  groupAccess(w, inputs, multiple);
  w.firstId = inputs[0].id;
  return w;
}

export function buildField(field) {
  const id = ID + field.key;
  const errorId = `${id}-error`;
  const wrap = el("div", { class: "lardom-contribute__field", "data-field": field.key });
  const error = el("p", { class: "lardom-contribute__error", id: errorId, hidden: true });
  const hintText = field.key === "classification" ? T.classificationHelp : field.help;
  const hint = hintText ? el("p", { class: "lardom-contribute__hint", id: `${id}-hint`, text: hintText }) : null;
  const w = { field, wrap, error, errorId, counter: null };
  const group = field.widget === "radio" || field.widget === "checkbox";
  (group ? groupField : singleField)(field, id, w, hint);
  w.describe(false);
  return w;
}

/** One section's textarea, with its heading and guidance in the lesson's language. */
export function sectionWidget(s, language, text) {
  const id = `${ID}section-${s.id}`;
  const errorId = `${id}-error`;
  const hint = s.guidance ? el("p", { class: "lardom-contribute__hint", id: `${id}-hint`, lang: language, text: s.guidance }) : null;
  const error = el("p", { class: "lardom-contribute__error", id: errorId, hidden: true });
  const area = el("textarea", { id, name: `section-${s.id}`, rows: "6", class: "lardom-contribute__input", "data-section": s.id, lang: language });
  area.value = text || "";
  const wrap = el("div", { class: "lardom-contribute__field", "data-field": `section-${s.id}` },
    el("label", { for: id, class: "lardom-contribute__label" }, el("span", { lang: language, text: s.heading }),
      labelSuffix(!!s.required)),
    hint, error, area);
  const w = {
    section: s, wrap, error, errorId, control: area,
    get: () => area.value,
    set: (v) => { area.value = v || ""; },
    focusTarget: () => area,
    describe: (hasError) => {
      area.setAttribute("aria-describedby", describedBy([hint && hint.id, hasError && errorId]));
      setInvalid(area, hasError);
    },
  };
  w.describe(false);
  return w;
}
