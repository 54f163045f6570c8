/* "Din fil": the file made from the form, to copy, download or open in the repository. */

import { el, srOnly } from "../dom.js";
import { validateAll } from "./errors.js";
import { buildFile, cleanLine, fillTemplate, forgeName } from "./file.js";
import { agencyId } from "./validate.js";
import { collectSections, sectionsFor } from "./sections.js";
import { ID, MAX_URL_LENGTH, T } from "./texts.js";

function button(id, text, primary) {
  const cls = `lardom-contribute__button${primary ? " lardom-contribute__button--primary" : ""}`;
  return el("button", { type: "button", id: ID + id, class: cls, text });
}

function openLinks(u, template) {
  if (!template) return [];
  u.openLink = el("a", { id: `${ID}open`, class: "lardom-contribute__button", target: "_blank", rel: "noopener" },
    T.open, srOnly(T.newTab));
  u.tooLongNote = el("p", { class: "lardom-contribute__note", id: `${ID}too-long`, hidden: true, text: T.tooLong });
  u.openEmptyLink = el("a", { id: `${ID}open-empty`, target: "_blank", rel: "noopener", hidden: true },
    T.openEmpty, srOnly(T.newTab));
  return [
    el("p", { class: "lardom-contribute__hint", id: `${ID}open-note`, text: T.openNote(forgeName(template)) }),
    u.tooLongNote, el("p", {}, u.openEmptyLink),
  ];
}

export function buildResult(c) {
  const u = c.ui;
  u.resultHeading = el("h2", { id: `${ID}result-heading`, tabindex: "-1", text: T.resultHeading });
  u.pathCode = el("code", { id: `${ID}path` });
  u.output = el("textarea", {
    id: `${ID}output`, class: "lardom-contribute__output", readonly: true, rows: "18", spellcheck: "false",
    autocomplete: "off", autocapitalize: "off",
  });
  u.copyButton = button("copy", T.copy, true);
  u.downloadButton = button("download", T.download, false);
  u.openLink = null;
  const notes = openLinks(u, c.newFileTemplate);
  u.status = el("p", { class: "lardom-contribute__status", id: `${ID}status`, role: "status", "aria-live": "polite" });
  u.staleNote = el("p", { class: "lardom-contribute__note", id: `${ID}stale`, hidden: true, text: T.stale });
  u.resultBody = el("div", { id: `${ID}result-body` },
    el("p", {}, T.savePath, u.pathCode, "."),
    el("p", { class: "lardom-contribute__sent", id: `${ID}nothing-sent`, text: T.nothingSent }),
    el("div", { class: "lardom-contribute__buttons" }, u.copyButton, u.downloadButton, u.openLink),
    u.status, ...notes,
    el("label", { for: `${ID}output`, class: "lardom-contribute__label", text: T.outputLabel }),
    u.output);
  u.result = el("section", { class: "lardom-contribute__result", id: `${ID}result`, "aria-labelledby": `${ID}result-heading`, hidden: true },
    u.resultHeading, u.staleNote, u.resultBody);
  u.copyButton.addEventListener("click", () => copyText(c));
  u.downloadButton.addEventListener("click", () => downloadFile(c));
  return u.result;
}

/** The values as they will be written. */
function values(c) {
  const v = {};
  for (const f of c.model.fields) {
    const raw = c.widgets[f.key].get();
    if (f.key === "agency") v.agency = agencyId(c.model, raw);
    else if (f.widget === "text" || f.widget === "textarea") v[f.key] = cleanLine(raw);
    else v[f.key] = raw;
  }
  return v;
}

function showLinks(c, file) {
  const u = c.ui;
  if (!u.openLink) return;
  const url = fillTemplate(c.newFileTemplate, file.agency, file.filename, file.text);
  const fits = url.length <= MAX_URL_LENGTH;
  u.openLink.hidden = !fits;
  if (fits) u.openLink.href = url;
  else u.openLink.removeAttribute("href");
  u.tooLongNote.hidden = fits;
  u.openEmptyLink.hidden = fits;
  u.openEmptyLink.href = fillTemplate(c.newFileTemplate, file.agency, file.filename, "");
}

export function showResult(c, focus) {
  if (validateAll(c).length) {
    hideResult(c);
    return;
  }
  const u = c.ui;
  const file = c.current = buildFile(c.model, values(c), sectionsFor(c, c.language), collectSections(c));
  c.created = true;
  u.result.hidden = false;
  u.staleNote.hidden = true;
  u.resultBody.hidden = false;
  u.pathCode.textContent = file.path;
  if (u.output.value !== file.text) {
    u.output.value = file.text;
    u.output.rows = Math.min(24, Math.max(12, file.text.split("\n").length + 1));
  }
  showLinks(c, file);
  if (focus) {
    u.status.textContent = "";
    u.resultHeading.scrollIntoView({ block: "start" });
    u.resultHeading.focus({ preventScroll: true });
  }
}

/** The form has errors again after a file was made: keep the section, hide the old text. */
export function hideResult(c) {
  if (!c.created) return;
  c.ui.staleNote.hidden = false;
  c.ui.resultBody.hidden = true;
  c.current = null;
}

function say(c, text) {
  c.ui.status.textContent = "";
  setTimeout(() => { c.ui.status.textContent = text; }, 50);
}

function copyText(c) {
  if (!c.current) return;
  const { output } = c.ui;
  const fallback = () => {
    output.focus();
    output.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      /* not allowed here: the text stays selected */
    }
    say(c, ok ? T.copied : T.copySelected);
  };
  if (navigator.clipboard && typeof navigator.clipboard.writeText === "function" && window.isSecureContext) {
    navigator.clipboard.writeText(c.current.text).then(() => say(c, T.copied), fallback);
  } else {
    fallback();
  }
}

function downloadFile(c) {
  if (!c.current) return;
  const { filename, text } = c.current;
  const url = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
  const a = el("a", { href: url, download: filename, hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  say(c, T.downloaded(filename));
}
