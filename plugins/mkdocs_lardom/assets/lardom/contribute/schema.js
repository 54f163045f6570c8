/* The form's model, read from the published JSON Schema (lardom/schema.py, lesson_schema):
 * choices and their labels, lengths, required keys, help texts and x-lardom's sections and
 * rules. */

import { CHOICE_LABELS, FIELDS } from "./texts.js";

const CHOICE_WIDGETS = ["agency", "select", "radio", "checkbox"];

function arrayBranch(prop) {
  if (!prop) return null;
  if (prop.type === "array") return prop;
  if (Array.isArray(prop.anyOf)) return prop.anyOf.find((p) => p && p.type === "array") || null;
  return null;
}

/** The choices of a property: from enum, array items, or the array branch of anyOf. */
function choicesOf(prop) {
  if (!prop || typeof prop !== "object") return null;
  if (Array.isArray(prop.enum)) {
    const labels = Array.isArray(prop.enumDescriptions) ? prop.enumDescriptions : [];
    return prop.enum.map((id, i) => ({
      id: String(id), label: labels[i] === undefined || labels[i] === null ? null : String(labels[i]),
    }));
  }
  if (prop.items) return choicesOf(prop.items);
  if (Array.isArray(prop.anyOf)) return choicesOf(arrayBranch(prop) || prop.anyOf[0]);
  return null;
}

function withChoices(field, prop) {
  const fallback = CHOICE_LABELS[field.key] || {};
  field.choices = (choicesOf(prop) || []).map((c) => ({ id: c.id, label: c.label || fallback[c.id] || c.id }));
  // A help text that names the ids ("mistake, success eller observation") is only
  // understandable when the choices show their ids too.
  const words = field.help.split(/[^a-z0-9-]+/);
  field.showIds = field.choices.some((c) => words.includes(c.id) && c.label !== c.id);
  return field.choices.length > 0;
}

function prepareField(f, prop, required) {
  const field = {
    key: f.key,
    label: f.label,
    widget: f.widget,
    required: required.includes(f.key),
    help: f.help || (typeof prop.description === "string" ? prop.description : ""),
    minLength: typeof prop.minLength === "number" ? prop.minLength : 0,
    maxLength: typeof prop.maxLength === "number" ? prop.maxLength : null,
    pattern: null,
    choices: null,
  };
  if (typeof prop.pattern === "string") {
    try {
      field.pattern = new RegExp(prop.pattern);
    } catch {
      field.pattern = null;
    }
  }
  if (CHOICE_WIDGETS.includes(f.widget) && !withChoices(field, prop)) return null;
  if (f.widget === "number") withNumber(field, prop);
  field.placeholder = f.placeholder || null;
  if (f.widget === "checkbox") {
    const arr = arrayBranch(prop) || {};
    field.minItems = typeof arr.minItems === "number" ? arr.minItems : 0;
    field.maxItems = typeof arr.maxItems === "number" ? arr.maxItems : null;
  }
  return field;
}

/** The property of a key, "impact.cost_sek" being cost_sek within impact. */
function propertyOf(schema, key) {
  let prop = schema;
  for (const part of key.split(".")) {
    prop = prop && prop.properties && Object.hasOwn(prop.properties, part) ? prop.properties[part] : null;
  }
  return prop;
}

/** A number field's limits, from the schema's type and minimum. */
function withNumber(field, prop) {
  field.integer = prop.type === "integer";
  field.minimum = typeof prop.minimum === "number" ? prop.minimum : null;
  return field;
}

function rulesOf(x) {
  if (!x.markup || !x.slug || !x.identity || typeof x.markup.codeFence !== "string") {
    throw new Error("lardom contribute: the schema's x-lardom has no markup, slug or identity rules");
  }
  return {
    markup: {
      allowedTags: x.markup.allowedTags,
      allowedSchemes: x.markup.allowedSchemes,
      codeFence: new RegExp(x.markup.codeFence),
    },
    slug: x.slug,
    identity: x.identity,
  };
}

export function prepare(schema) {
  const x = schema && typeof schema === "object" ? schema["x-lardom"] : null;
  if (!x || !schema.properties || !x.sections) {
    throw new Error("lardom contribute: the schema has no properties or x-lardom.sections");
  }
  const required = Array.isArray(schema.required) ? schema.required : [];
  const fields = FIELDS.filter((f) => propertyOf(schema, f.key)) // a field the schema no longer has
    .map((f) => prepareField(f, propertyOf(schema, f.key), required))
    .filter(Boolean);
  const byKey = {};
  for (const f of fields) byKey[f.key] = f;
  const sections = x.sections;
  const languages = (byKey.language ? byKey.language.choices.map((c) => c.id) : Object.keys(sections))
    .filter((l) => Array.isArray(sections[l]));
  if (!languages.length) throw new Error("lardom contribute: no language has sections");
  return {
    fields,
    byKey,
    sections,
    languages,
    defaultLanguage: languages[0],
    path: typeof x.path === "string" ? x.path : "lessons/{agency}/{slug}.md",
    rules: rulesOf(x),
  };
}
