/*
 * Lärdomsbanken – Skriv en lärdom (contribution form).
 *
 * Renders a form into <div id="lardom-contribute" data-schema data-new-file?> and drafts a
 * lesson file (YAML front matter + Markdown body) in the browser. Vanilla ES2019, no
 * dependencies; the only request is for the JSON Schema in data-schema, which the form is
 * built from: choices and their Swedish labels (enum + enumDescriptions), length limits,
 * required keys, help texts (description) and the body's sections per language
 * (x-lardom.sections). Nothing is sent anywhere; the draft lives in sessionStorage.
 *
 * - The file is written the way the repository writes lessons: keys in a fixed order,
 *   every text value double-quoted and escaped, lists as flow sequences of ids.
 * - Validation mirrors the errors of `lardom check` that the form can see (lengths, theme
 *   count, future dates, markup in the summary, personal identity numbers, raw HTML,
 *   level-1 headings and unclosed code blocks in the body), so that a file made here
 *   passes the check.
 * - Errors are shown next to each field and in a summary at the top (the GOV.UK
 *   pattern). A field is checked once it has been changed; everything after "Skapa filen".
 * - Works with mkdocs-material's instant navigation (document$) and as a plain script.
 */
(function () {
  'use strict';

  // Loaded again (instant navigation re-running a script): only look for a new form.
  if (window.lardomContribute && typeof window.lardomContribute.boot === 'function') {
    window.lardomContribute.boot();
    return;
  }

  var STORAGE_KEY = 'lardom-contribute:draft';
  var DRAFT_VERSION = 1;
  var MAX_URL_LENGTH = 7000; // GitHub answers longer "new file" addresses with an error
  var MAX_SLUG = 60;
  var SAVE_DELAY_MS = 300;
  var ANNOUNCE_DELAY_MS = 1200; // counters are read out once the typing pauses
  var ID = 'lardom-c-'; // prefix of every id the form creates

  // The form's fields, in order. Choices, limits and help texts come from the schema.
  var FIELDS = [
    { key: 'title', label: 'Rubrik', widget: 'text' },
    { key: 'agency', label: 'Myndighet', widget: 'agency' },
    { key: 'date', label: 'Datum', widget: 'date' },
    { key: 'phase', label: 'Fas', widget: 'select' },
    { key: 'kind', label: 'Typ av lärdom', widget: 'radio' },
    { key: 'themes', label: 'Teman', widget: 'checkbox' },
    { key: 'signals', label: 'Varningssignaler', widget: 'checkbox' },
    { key: 'summary', label: 'Sammanfattning', widget: 'textarea' },
    { key: 'classification', label: 'Vem får läsa lärdomen?', widget: 'radio' },
    { key: 'language', label: 'Språk', widget: 'radio' },
    { key: 'project', label: 'Projektets namn', widget: 'text' }
  ];
  // Labels for a choice whose schema has no enumDescriptions.
  var CHOICE_LABELS = {
    classification: { public: 'Offentlig', internal: 'Intern' }
  };

  var T = {
    loading: 'Läser in formuläret …',
    loadError: 'Det gick inte att läsa in formuläret. Kontrollera din anslutning och försök igen.',
    retry: 'Försök igen',
    required: 'krävs',
    optional: 'frivilligt',
    restored: 'Formuläret innehåller det du skrev tidigare i den här fliken. Vill du tömma det väljer du ”Börja om” längst ner.',
    agencyHint: 'Skriv några bokstäver i myndighetens namn och välj i listan.',
    agencyFolder: function (id) { return 'Filen hamnar i mappen lessons/' + id + '/.'; },
    choosePhase: 'Välj fas',
    classificationHelp: 'Offentlig betyder att lärdomen publiceras för alla på den öppna webbplatsen. ' +
      'Intern betyder att den bara kommer med i den interna versionen av Lärdomsbanken. ' +
      'Inget är förvalt: bestäm tillsammans med din myndighets registrator.',
    bodyLegend: 'Lärdomens text',
    bodyHelp: 'Varje avsnitt blir en rubrik i filen. Frivilliga avsnitt som du lämnar tomma kommer inte med. ' +
      'Du kan skriva med Markdown: listor med -, **fetstil** och underrubriker med ###.',
    chars: function (n, min, max) {
      var s = n + '/' + max + ' tecken';
      if (n > max) s += ' – ' + (n - max) + ' för många';
      else if (n > 0 && n < min) s += ' – minst ' + min;
      return s;
    },
    charsSpoken: function (n, min, max) {
      if (n > max) return 'Du har ' + (n - max) + ' tecken för mycket.';
      if (n < min) return n + ' tecken. Minst ' + min + ' behövs.';
      return 'Du har ' + (max - n) + ' tecken kvar.';
    },
    chosen: function (n, max) {
      return 'Du har valt ' + n + (max ? ' av högst ' + max : '') + '.';
    },
    create: 'Skapa filen',
    reset: 'Börja om',
    resetQuestion: 'Allt du har skrivit i formuläret försvinner. Vill du börja om?',
    resetYes: 'Ja, töm formuläret',
    resetNo: 'Avbryt',
    resetDone: 'Formuläret är tömt.',
    errorsHeading: 'Det finns fel att rätta',
    errorPrefix: 'Fel: ',
    resultHeading: 'Din fil',
    savePath: 'Spara filen som ',
    outputLabel: 'Filens innehåll',
    nothingSent: 'Inget har skickats någonstans: texten finns bara i din webbläsare tills du själv kopierar, ' +
      'laddar ner eller öppnar den.',
    copy: 'Kopiera texten',
    copied: 'Kopierat.',
    copySelected: 'Texten är markerad. Tryck Ctrl+C (Cmd+C på Mac) för att kopiera den.',
    download: 'Ladda ner filen',
    downloaded: function (name) { return 'Filen ' + name + ' laddas ner.'; },
    open: 'Öppna i repositoriet',
    openEmpty: 'Öppna en tom fil i repositoriet',
    newTab: ' (öppnas i en ny flik)',
    openNote: function (forge) {
      return 'I repositoriet skickar du in filen som en pull request. ' + forge + ' tar inte emot hur långa ' +
        'adresser som helst, så en lång lärdom får du kopiera och klistra in i stället.';
    },
    tooLong: 'Lärdomen är för lång för att skickas med i adressen. Kopiera texten, öppna en tom fil i ' +
      'repositoriet och klistra in texten där.',
    stale: 'Formuläret har ändrats och har fel. Rätta felen och välj ”Skapa filen” igen.',
    // errors
    empty: {
      title: 'Skriv en rubrik.',
      agency: 'Välj din myndighet.',
      date: 'Skriv ett datum.',
      phase: 'Välj i vilken fas det hände.',
      kind: 'Välj vilken typ av lärdom det är.',
      themes: 'Välj minst ett tema.',
      summary: 'Skriv en sammanfattning.',
      classification: 'Välj om lärdomen är offentlig eller intern.',
      language: 'Välj språk.'
    },
    noun: { title: 'Rubriken', summary: 'Sammanfattningen', project: 'Projektets namn' },
    tooShort: function (noun, min, n) { return noun + ' måste ha minst ' + min + ' tecken, men har ' + n + '.'; },
    tooLongText: function (noun, max, n) { return noun + ' får ha högst ' + max + ' tecken, men har ' + n + '.'; },
    oneLine: function (noun) { return noun + ' ska stå på en rad.'; },
    notPlain: 'Texten ska vara ren text, utan HTML-taggar och utan länkar.',
    agencyUnknown: 'Välj en myndighet i listan. Skriv några bokstäver i namnet och välj ett av förslagen.',
    dateInvalid: 'Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-03-15.',
    dateFuture: 'Datumet får inte ligga i framtiden. Ange när lärdomen skrevs, senast i dag.',
    tooFew: function (min, what) { return 'Välj minst ' + min + ' ' + what + '.'; },
    tooMany: function (max, n, what) { return 'Välj högst ' + max + ' ' + what + '. Du har valt ' + n + '.'; },
    sectionEmpty: function (heading) { return 'Skriv något under ”' + heading + '”.'; },
    identity: function (kind, number) {
      return 'Texten innehåller ett ' + kind + ' (' + number + '). Ta bort det och beskriv rollen i stället, ' +
        'till exempel ”en handläggare” eller ”en sökande”.';
    },
    heading: 'Använd inte rubriker med # eller ## i texten; de är till för avsnitten. Skriv ### för en underrubrik.',
    setext: 'En rad med bara - eller = direkt under en textrad blir en rubrik. Lägg en tom rad före den, eller ta bort den.',
    fence: 'Ett kodblock som börjar med ``` eller ~~~ avslutas aldrig. Avsluta det med samma tecken på en egen rad.',
    guidance: 'Texten innehåller fortfarande vägledningen. Ersätt den med er egen text.',
    rawHtml: function (tag) {
      return 'Texten innehåller HTML (' + tag + '). Skriv med Markdown i stället, eller lägg exempel på HTML ' +
        'i ett kodblock mellan två rader med ```.';
    },
    unsafeLink: function (scheme) {
      return 'En länk börjar med ”' + scheme + ':”, som inte är tillåtet. Länka bara till adresser som börjar med ' +
        'http://, https:// eller mailto:.';
    }
  };


  // ---------------------------------------------------------------- helpers

  var COMBINING = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

  /** Case- and diacritic-insensitive form, for matching what is typed against labels. */
  function fold(s) {
    return String(s).normalize('NFD').replace(COMBINING, '').toLowerCase().replace(/\s+/g, ' ').trim();
  }

  /** Length in characters (code points), as the checker counts. */
  function charCount(s) {
    return Array.from(s).length;
  }

  function pad2(n) { return (n < 10 ? '0' : '') + n; }

  /** Today's date where the user is, as YYYY-MM-DD. */
  function today() {
    var d = new Date();
    return d.getFullYear() + '-' + pad2(d.getMonth() + 1) + '-' + pad2(d.getDate());
  }

  function daysInMonth(year, month) {
    if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
    return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  }

  function validDate(year, month, day) {
    return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  }

  function isIsoDate(s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    return !!m && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  }

  /** Tiny element builder. attrs: class, text, or any attribute; null/false skipped. */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'class') node.className = v;
        else if (k === 'text') node.textContent = v;
        else node.setAttribute(k, v === true ? '' : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return node;
  }

  function srOnly(text) {
    return el('span', { class: 'lardom-contribute__sr', text: text });
  }

  // --------------------------------------------------------- file writing

  var TRANSLITERATE = { 'å': 'a', 'ä': 'a', 'ö': 'o', 'æ': 'ae', 'ø': 'o', 'ß': 'ss' };

  /**
   * "Kraven ändrades sent!" -> "kraven-andrades-sent": as `lardom new` makes file names
   * (lowercase, å/ä -> a, ö -> o, other diacritics dropped, anything else a hyphen, at
   * most 60 characters, cut at a hyphen when that keeps more than 20).
   */
  function slugify(title) {
    var text = String(title).toLowerCase().replace(/[åäöæøß]/g, function (c) { return TRANSLITERATE[c]; });
    text = text.normalize('NFKD').replace(COMBINING, '');
    var slug = text.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    if (slug.length > MAX_SLUG) {
      var cut = slug.lastIndexOf('-', MAX_SLUG);
      slug = slug.slice(0, cut > 20 ? cut : MAX_SLUG).replace(/^-+|-+$/g, '');
    }
    return slug || 'lardom';
  }

  /**
   * A YAML double-quoted scalar. Backslash and double quote are escaped, and so is every
   * character YAML does not allow raw or reads as a line break (control characters,
   * NEL, the line and paragraph separators, BOM); a lone surrogate becomes U+FFFD.
   */
  function yamlString(s) {
    var out = '"';
    for (var ch of String(s)) {
      var c = ch.codePointAt(0);
      if (ch === '\\') out += '\\\\';
      else if (ch === '"') out += '\\"';
      else if (ch === '\n') out += '\\n';
      else if (ch === '\t') out += '\\t';
      else if (ch === '\r') out += '\\r';
      else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out += '\\x' + pad2hex(c);
      else if (c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff) {
        out += '\\u' + ('000' + c.toString(16)).slice(-4);
      } else if (c >= 0xd800 && c <= 0xdfff) out += '\ufffd';
      else out += ch;
    }
    return out + '"';
  }

  function pad2hex(c) { return ('0' + c.toString(16)).slice(-2); }

  // Plain scalars YAML 1.1 would read as something other than a string.
  var YAML_SPECIAL = /^(?:y|n|yes|no|true|false|on|off|null)$/i;

  /** An id from the schema: bare when it is safe (they all are), quoted otherwise. */
  function yamlId(id) {
    return /^[a-z][a-z0-9-]*$/.test(id) && !YAML_SPECIAL.test(id) ? id : yamlString(id);
  }

  /** Body text as written under a heading: LF line ends, no leading blank lines or trailing space, no NUL. */
  function cleanBody(text) {
    return String(text || '').normalize('NFC').replace(/\u0000/g, '').replace(/\r\n?/g, '\n').replace(/^(?:[ \t]*\n)+/, '').replace(/\s+$/, '');
  }

  /** Text on one line (the summary may be typed over several lines, like YAML's >- folds it). */
  function cleanLine(text) {
    return String(text || '').normalize('NFC').replace(/\u0000/g, '').replace(/\s+/g, ' ').trim();
  }

  // ------------------------------------------------------ text inspection

  /** Luhn check digit over a string of digits. */
  function luhn(digits) {
    var sum = 0;
    for (var i = 0; i < digits.length; i++) {
      var d = Number(digits.charAt(digits.length - 1 - i));
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    return sum % 10 === 0;
  }

  /**
   * The first Swedish personal identity number or coordination number in the text, as
   * `lardom check` finds them (valid date and check digit), or null.
   */
  function findIdentityNumber(text) {
    var re = /(^|[^\d-])((?:19|20)?\d{6})([-+]?)(\d{4})(?!\d)/g;
    var m;
    while ((m = re.exec(text))) {
      var digits = m[2] + m[4];
      var ten = digits.slice(-10);
      var number = m[0].slice(m[1].length);
      if (!luhn(ten)) continue;
      var month = Number(ten.slice(2, 4));
      var day = Number(ten.slice(4, 6));
      var years;
      if (digits.length === 12) {
        years = [Number(digits.slice(0, 4))];
      } else {
        var now = new Date().getFullYear();
        var century = Math.floor(now / 100);
        if (Number(ten.slice(0, 2)) > now % 100) century -= 1;
        if (m[3] === '+') century -= 1;
        years = [century * 100 + Number(ten.slice(0, 2))];
      }
      if (validDate(years[0], month, day)) return { kind: 'personnummer', number: number };
      if (day >= 61 && day <= 91) {
        if (digits.length === 10) years = [1900 + Number(ten.slice(0, 2)), 2000 + Number(ten.slice(0, 2))];
        for (var i = 0; i < years.length; i++) {
          if (validDate(years[i], month, day - 60)) return { kind: 'samordningsnummer', number: number };
        }
      }
    }
    return null;
  }

  var FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
  var NOT_PARAGRAPH = /^(?: {0,3}(?:[-*+>#|]|\d+[.)]|`{3}|~{3})|\s{4})/;

  /**
   * Problems in one section's Markdown that would break the file or fail the check:
   * level-1/2 headings (ATX or setext), a code fence left open (it would swallow the
   * next sections), raw HTML and unsafe link schemes. Returns a message or ''.
   */
  function bodyProblem(text) {
    var lines = text.split('\n');
    var fence = null;
    var masked = [];
    var previous = '';
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      var f = FENCE.exec(line);
      if (fence !== null) {
        if (f && f[1].charAt(0) === fence.charAt(0) && f[1].length >= fence.length && !f[2].trim()) fence = null;
        masked.push('');
        previous = '';
        continue;
      }
      if (f && !(f[1].charAt(0) === '`' && f[2].indexOf('`') >= 0)) {
        fence = f[1];
        masked.push('');
        previous = '';
        continue;
      }
      if (/^ {0,3}#{1,2}(?:[ \t]|$)/.test(line)) return T.heading;
      if (/^ {0,3}(?:=+|-+)[ \t]*$/.test(line) && previous.trim() && !NOT_PARAGRAPH.test(previous)) {
        return T.setext;
      }
      masked.push(line);
      previous = line;
    }
    if (fence !== null) return T.fence;
    return markupProblem(maskCode(masked.join('\n')));
  }

  /** Indented code blocks and code spans replaced by spaces (fences are already gone). */
  function maskCode(text) {
    var out = text.replace(/(^|\n)[ \t]*\n((?:(?: {4}|\t)[^\n]*\n?)+)/g, function (all, lead, block, offset) {
      var before = text.slice(0, offset).replace(/\n+$/, '');
      var prev = before.slice(before.lastIndexOf('\n') + 1);
      if (/^\s{0,3}(?:[-*+]|\d+[.)])\s/.test(prev)) return all;
      return all.slice(0, all.length - block.length) + block.replace(/[^\n]/g, ' ');
    });
    // Code spans: a run of backticks up to the next run of the same length.
    var runs = [];
    var re = /`+/g;
    var m;
    while ((m = re.exec(out))) runs.push([m.index, m[0].length]);
    var chars = out.split('');
    for (var i = 0; i < runs.length; i++) {
      for (var j = i + 1; j < runs.length; j++) {
        if (runs[j][1] === runs[i][1]) {
          for (var k = runs[i][0]; k < runs[j][0] + runs[j][1]; k++) if (chars[k] !== '\n') chars[k] = ' ';
          i = j;
          break;
        }
      }
    }
    return chars.join('');
  }

  var ALLOWED_TAGS = { abbr: ['title'], sub: [], sup: [], br: [] };
  var ALLOWED_SCHEMES = ['http', 'https', 'mailto'];

  function markupProblem(text) {
    if (text.indexOf('<') < 0 && text.indexOf('](') < 0 && text.indexOf(']:') < 0) return '';
    var m;
    var auto = /<([A-Za-z][A-Za-z0-9+.-]{1,31}):[^<>\s]*>/g;
    while ((m = auto.exec(text))) {
      if (ALLOWED_SCHEMES.indexOf(m[1].toLowerCase()) < 0) return T.unsafeLink(m[1]);
    }
    var tag = /<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*)?)\/?>|<!--|<\?|<![A-Za-z]|<!\[CDATA\[/g;
    while ((m = tag.exec(text))) {
      var name = (m[2] || '').toLowerCase();
      var allowed = Object.prototype.hasOwnProperty.call(ALLOWED_TAGS, name) ? ALLOWED_TAGS[name] : null;
      if (allowed) {
        var attrs = (m[3] || '').match(/[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?/g) || [];
        var ok = attrs.every(function (a) { return allowed.indexOf(a.split('=')[0].trim().toLowerCase()) >= 0; });
        if (ok) continue;
      }
      return T.rawHtml(m[0].length <= 40 ? m[0] : m[0].slice(0, 37) + '...');
    }
    var links = [/!?\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^\s)]+)/g, /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/gm];
    for (var i = 0; i < links.length; i++) {
      while ((m = links[i].exec(text))) {
        var scheme = badScheme(m[1]);
        if (scheme) return T.unsafeLink(scheme);
      }
    }
    return '';
  }

  function badScheme(url) {
    var s = url.replace(/^<|>$/g, '');
    var tmp = document.createElement('textarea');
    tmp.innerHTML = s; // decodes character references, as the checker's html.unescape
    s = tmp.value.replace(/[\x00-\x20]/g, '');
    var m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(s);
    return m && ALLOWED_SCHEMES.indexOf(m[1].toLowerCase()) < 0 ? m[1] : null;
  }

  // ------------------------------------------------------------ the schema

  /** The choices of a property: from enum, array items, or the array branch of anyOf. */
  function choicesOf(prop) {
    if (!prop || typeof prop !== 'object') return null;
    if (Array.isArray(prop.enum)) {
      var labels = Array.isArray(prop.enumDescriptions) ? prop.enumDescriptions : [];
      return prop.enum.map(function (id, i) {
        return { id: String(id), label: labels[i] === undefined || labels[i] === null ? null : String(labels[i]) };
      });
    }
    if (prop.items) return choicesOf(prop.items);
    if (Array.isArray(prop.anyOf)) {
      var branch = arrayBranch(prop) || prop.anyOf[0];
      return choicesOf(branch);
    }
    return null;
  }

  function arrayBranch(prop) {
    if (!prop) return null;
    if (prop.type === 'array') return prop;
    if (Array.isArray(prop.anyOf)) {
      for (var i = 0; i < prop.anyOf.length; i++) if (prop.anyOf[i] && prop.anyOf[i].type === 'array') return prop.anyOf[i];
    }
    return null;
  }

  function prepare(schema) {
    if (!schema || typeof schema !== 'object' || !schema.properties || !schema['x-lardom'] ||
        !schema['x-lardom'].sections) {
      throw new Error('lardom contribute: the schema has no properties or x-lardom.sections');
    }
    var props = schema.properties;
    var required = Array.isArray(schema.required) ? schema.required : [];
    var fields = [];
    FIELDS.forEach(function (f) {
      var prop = props[f.key];
      if (!prop) return; // a field the schema no longer has
      var field = {
        key: f.key,
        label: f.label,
        widget: f.widget,
        required: required.indexOf(f.key) >= 0,
        help: typeof prop.description === 'string' ? prop.description : '',
        minLength: typeof prop.minLength === 'number' ? prop.minLength : 0,
        maxLength: typeof prop.maxLength === 'number' ? prop.maxLength : null,
        pattern: null,
        choices: null
      };
      if (typeof prop.pattern === 'string') {
        try { field.pattern = new RegExp(prop.pattern); } catch (e) { field.pattern = null; }
      }
      if (f.widget === 'agency' || f.widget === 'select' || f.widget === 'radio' || f.widget === 'checkbox') {
        var fallback = CHOICE_LABELS[f.key] || {};
        field.choices = (choicesOf(prop) || []).map(function (c) {
          return { id: c.id, label: c.label || fallback[c.id] || c.id };
        });
        if (!field.choices.length) return;
        // A help text that names the ids ("mistake, success eller observation") is only
        // understandable when the choices show their ids too.
        var words = field.help.split(/[^a-z0-9-]+/);
        field.showIds = field.choices.some(function (c) { return words.indexOf(c.id) >= 0 && c.label !== c.id; });
      }
      if (f.widget === 'checkbox') {
        var arr = arrayBranch(prop) || {};
        field.minItems = typeof arr.minItems === 'number' ? arr.minItems : 0;
        field.maxItems = typeof arr.maxItems === 'number' ? arr.maxItems : null;
      }
      fields.push(field);
    });
    var byKey = {};
    fields.forEach(function (f) { byKey[f.key] = f; });
    var sections = schema['x-lardom'].sections;
    var languages = byKey.language ? byKey.language.choices.map(function (c) { return c.id; }) : Object.keys(sections);
    languages = languages.filter(function (l) { return Array.isArray(sections[l]); });
    if (!languages.length) throw new Error('lardom contribute: no language has sections');
    return {
      fields: fields,
      byKey: byKey,
      sections: sections,
      languages: languages,
      defaultLanguage: languages[0],
      path: typeof schema['x-lardom'].path === 'string' ? schema['x-lardom'].path : 'lessons/{agency}/{slug}.md'
    };
  }

  function load(src) {
    return window.lardom.loadJson(src, prepare, 'lardom contribute');
  }

  // --------------------------------------------------------------- startup

  function boot() {
    window.lardom.boot('lardom-contribute', start);
  }

  function start(root) {
    root.classList.add('lardom-contribute');
    root.setAttribute('aria-busy', 'true');
    root.textContent = '';
    root.appendChild(el('p', { class: 'lardom-contribute__loading', text: T.loading }));
    load(root.getAttribute('data-schema') || '').then(function (model) {
      if (!root.isConnected) return;
      root.removeAttribute('aria-busy');
      root.textContent = '';
      mount(root, model);
    }, function (err) {
      console.error(err);
      if (!root.isConnected) return;
      root.removeAttribute('aria-busy');
      root.textContent = '';
      var retry = el('button', { type: 'button', class: 'lardom-contribute__button', text: T.retry });
      retry.addEventListener('click', function () { start(root); });
      root.appendChild(el('div', { class: 'lardom-contribute__load-error', role: 'alert' },
        el('p', { text: T.loadError }), retry));
    });
  }

  // ------------------------------------------------------------------ form

  function readDraft() {
    try {
      var raw = window.sessionStorage.getItem(STORAGE_KEY);
      var d = raw ? JSON.parse(raw) : null;
      return d && d.v === DRAFT_VERSION ? d : null;
    } catch (e) {
      return null;
    }
  }

  function mount(root, model) {
    var newFileTemplate = root.getAttribute('data-new-file') || '';
    var widgets = {}; // key -> { get, set, focusTarget, wrap, error, describe }
    var touched = {};
    var attempted = false; // "Skapa filen" was pressed at least once
    var created = false; // a file is shown
    var language = model.defaultLanguage;
    var sectionTexts = {}; // section id -> text, kept across language changes
    var sectionWidgets = {}; // section id -> widget, for the current language
    var saveTimer = null;

    var form = el('form', { class: 'lardom-contribute__form', novalidate: true });
    var errorSummary = el('div', {
      class: 'lardom-contribute__errors', id: ID + 'errors', tabindex: '-1', 'aria-labelledby': ID + 'errors-heading',
      hidden: true
    });
    var errorList = el('ul', {});
    errorSummary.appendChild(el('h2', { id: ID + 'errors-heading', text: T.errorsHeading }));
    errorSummary.appendChild(errorList);
    var restoredNote = el('p', { class: 'lardom-contribute__note', id: ID + 'restored', hidden: true, text: T.restored });
    var announcer = el('p', { class: 'lardom-contribute__sr', role: 'status', 'aria-live': 'polite', id: ID + 'announce' });
    form.appendChild(errorSummary);
    form.appendChild(restoredNote);

    // ---- fields
    model.fields.forEach(function (field) {
      var w = buildField(field);
      widgets[field.key] = w;
      form.appendChild(w.wrap);
    });
    form.appendChild(buildBody());

    // ---- actions
    var createButton = el('button', { type: 'submit', id: ID + 'create', class: 'lardom-contribute__button lardom-contribute__button--primary', text: T.create });
    var resetButton = el('button', { type: 'button', id: ID + 'reset', class: 'lardom-contribute__button', text: T.reset });
    var resetYes = el('button', { type: 'button', id: ID + 'reset-confirm', class: 'lardom-contribute__button', text: T.resetYes });
    var resetNo = el('button', { type: 'button', id: ID + 'reset-cancel', class: 'lardom-contribute__button', text: T.resetNo });
    var resetBox = el('div', { class: 'lardom-contribute__confirm', id: ID + 'reset-box', hidden: true },
      el('p', { id: ID + 'reset-question', text: T.resetQuestion }),
      el('div', { class: 'lardom-contribute__buttons' }, resetYes, resetNo));
    resetYes.setAttribute('aria-describedby', ID + 'reset-question');
    form.appendChild(el('div', { class: 'lardom-contribute__buttons lardom-contribute__actions' }, createButton, resetButton));
    form.appendChild(resetBox);
    form.appendChild(announcer);

    // ---- result
    var resultHeading = el('h2', { id: ID + 'result-heading', tabindex: '-1', text: T.resultHeading });
    var pathCode = el('code', { id: ID + 'path' });
    var output = el('textarea', {
      id: ID + 'output', class: 'lardom-contribute__output', readonly: true, rows: '18', spellcheck: 'false',
      autocomplete: 'off', autocapitalize: 'off'
    });
    var copyButton = el('button', { type: 'button', id: ID + 'copy', class: 'lardom-contribute__button lardom-contribute__button--primary', text: T.copy });
    var downloadButton = el('button', { type: 'button', id: ID + 'download', class: 'lardom-contribute__button', text: T.download });
    var openLink = null;
    var openNote = null;
    var tooLongNote = null;
    var openEmptyLink = null;
    if (newFileTemplate) {
      openLink = el('a', { id: ID + 'open', class: 'lardom-contribute__button', target: '_blank', rel: 'noopener' },
        T.open, srOnly(T.newTab));
      openNote = el('p', { class: 'lardom-contribute__hint', id: ID + 'open-note', text: T.openNote(forgeName(newFileTemplate)) });
      tooLongNote = el('p', { class: 'lardom-contribute__note', id: ID + 'too-long', hidden: true, text: T.tooLong });
      openEmptyLink = el('a', { id: ID + 'open-empty', target: '_blank', rel: 'noopener', hidden: true },
        T.openEmpty, srOnly(T.newTab));
    }
    var status = el('p', { class: 'lardom-contribute__status', id: ID + 'status', role: 'status', 'aria-live': 'polite' });
    var staleNote = el('p', { class: 'lardom-contribute__note', id: ID + 'stale', hidden: true, text: T.stale });
    var resultBody = el('div', { id: ID + 'result-body' },
      el('p', {}, T.savePath, pathCode, '.'),
      el('p', { class: 'lardom-contribute__sent', id: ID + 'nothing-sent', text: T.nothingSent }),
      el('div', { class: 'lardom-contribute__buttons' }, copyButton, downloadButton, openLink),
      status,
      openNote, tooLongNote, openEmptyLink ? el('p', {}, openEmptyLink) : null,
      el('label', { for: ID + 'output', class: 'lardom-contribute__label', text: T.outputLabel }),
      output);
    var result = el('section', { class: 'lardom-contribute__result', id: ID + 'result', 'aria-labelledby': ID + 'result-heading', hidden: true },
      resultHeading, staleNote, resultBody);

    root.appendChild(form);
    root.appendChild(result);

    // ---- restore a draft
    var draft = readDraft();
    setDefaults();
    if (draft) {
      applyDraft(draft);
      if (hasContent()) restoredNote.hidden = false;
    }
    if (draft && draft.attempted) {
      attempted = true;
      renderErrors(validateAll(), false);
    }
    refreshAll();
    if (draft && draft.created && validateAll().length === 0) {
      attempted = true;
      showResult(false);
    }

    // ---- events
    form.addEventListener('input', function (e) { onEdit(e, false); });
    form.addEventListener('change', function (e) { onEdit(e, true); });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      attempted = true;
      var errors = validateAll();
      renderErrors(errors, true);
      if (errors.length) {
        hideResult();
        return;
      }
      showResult(true);
      saveSoon();
    });
    errorSummary.addEventListener('click', function (e) {
      var a = e.target.closest && e.target.closest('a[href^="#"]');
      if (!a) return;
      var target = document.getElementById(a.getAttribute('href').slice(1));
      if (!target) return;
      e.preventDefault();
      var box = target.closest('.lardom-contribute__field') || target;
      box.scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
    });
    resetButton.addEventListener('click', function () {
      resetBox.hidden = false;
      resetYes.focus();
    });
    resetNo.addEventListener('click', function () {
      resetBox.hidden = true;
      resetButton.focus();
    });
    resetBox.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') {
        resetBox.hidden = true;
        resetButton.focus();
      }
    });
    resetYes.addEventListener('click', function () {
      try { window.sessionStorage.removeItem(STORAGE_KEY); } catch (e) { /* storage off */ }
      clearTimeout(saveTimer);
      sectionTexts = {};
      touched = {};
      attempted = false;
      created = false;
      current = null;
      setDefaults();
      renderBody();
      refreshAll();
      renderErrors([], false);
      hideResult();
      result.hidden = true;
      resetBox.hidden = true;
      restoredNote.hidden = true;
      status.textContent = '';
      var first = widgets[model.fields[0].key];
      if (first) first.focusTarget().focus();
      announce(T.resetDone);
    });
    copyButton.addEventListener('click', copyText);
    downloadButton.addEventListener('click', downloadFile);
    window.addEventListener('pagehide', saveNow);

    // ================================================================ building

    function describedBy(ids) {
      return ids.filter(Boolean).join(' ');
    }

    function labelSuffix(required) {
      return el('span', { class: 'lardom-contribute__req', text: ' (' + (required ? T.required : T.optional) + ')' });
    }

    function buildField(field) {
      var id = ID + field.key;
      var errorId = id + '-error';
      var wrap = el('div', { class: 'lardom-contribute__field', 'data-field': field.key });
      var error = el('p', { class: 'lardom-contribute__error', id: errorId, hidden: true });
      var hintText = field.key === 'classification' ? T.classificationHelp : field.help;
      var hint = hintText ? el('p', { class: 'lardom-contribute__hint', id: id + '-hint', text: hintText }) : null;
      var hintId = hint ? hint.id : null;
      var w = { field: field, wrap: wrap, error: error, errorId: errorId };

      if (field.widget === 'text' || field.widget === 'textarea' || field.widget === 'date' ||
          field.widget === 'agency' || field.widget === 'select') {
        var control;
        var extra = [];
        if (field.widget === 'textarea') {
          control = el('textarea', { id: id, name: field.key, rows: '4', class: 'lardom-contribute__input' });
        } else if (field.widget === 'select') {
          control = el('select', { id: id, name: field.key, class: 'lardom-contribute__input lardom-contribute__input--select' },
            el('option', { value: '', text: T.choosePhase }));
          field.choices.forEach(function (c) {
            control.appendChild(el('option', { value: c.id, text: c.label + (field.showIds ? ' (' + c.id + ')' : '') }));
          });
        } else if (field.widget === 'date') {
          control = el('input', { id: id, name: field.key, type: 'date', class: 'lardom-contribute__input lardom-contribute__input--date', max: today() });
        } else if (field.widget === 'agency') {
          var listId = id + '-list';
          control = el('input', {
            id: id, name: field.key, type: 'text', list: listId, autocomplete: 'off', spellcheck: 'false',
            class: 'lardom-contribute__input'
          });
          var datalist = el('datalist', { id: listId });
          field.choices.forEach(function (c) { datalist.appendChild(el('option', { value: c.label })); });
          var agencyHint = el('p', { class: 'lardom-contribute__hint', id: id + '-hint2', text: T.agencyHint });
          var folder = el('p', { class: 'lardom-contribute__folder', id: id + '-folder' });
          extra = [agencyHint, folder];
          w.folder = folder;
          wrap.appendChild(datalist);
        } else {
          control = el('input', { id: id, name: field.key, type: 'text', class: 'lardom-contribute__input', autocomplete: 'off' });
        }
        var counter = null;
        if (field.maxLength && (field.widget === 'text' || field.widget === 'textarea')) {
          counter = el('p', { class: 'lardom-contribute__counter', id: id + '-count' });
          w.counter = counter;
        }
        var label = el('label', { for: id, class: 'lardom-contribute__label' }, field.label, labelSuffix(field.required));
        wrap.appendChild(label);
        if (hint) wrap.appendChild(hint);
        extra.forEach(function (x) { wrap.appendChild(x); });
        wrap.appendChild(error);
        wrap.appendChild(control);
        if (counter) wrap.appendChild(counter);
        var descIds = [hintId].concat(extra.map(function (x) { return x.id; }), [counter ? counter.id : null]);
        w.control = control;
        w.describe = function (hasError) {
          control.setAttribute('aria-describedby', describedBy(descIds.concat(hasError ? [errorId] : [])));
          if (hasError) control.setAttribute('aria-invalid', 'true');
          else control.removeAttribute('aria-invalid');
        };
        w.get = function () { return control.value; };
        w.set = function (v) { control.value = v === undefined || v === null ? '' : String(v); };
        w.focusTarget = function () { return control; };
        w.describe(false);
        return w;
      }

      // radio and checkbox groups
      var multiple = field.widget === 'checkbox';
      var fieldset = el('fieldset', { class: 'lardom-contribute__group', id: id });
      var legend = el('legend', { class: 'lardom-contribute__label' }, field.label, labelSuffix(field.required));
      fieldset.appendChild(legend);
      if (hint) fieldset.appendChild(hint);
      var count = null;
      if (multiple && field.maxItems !== null) {
        count = el('p', { class: 'lardom-contribute__counter', id: id + '-count' });
        w.counter = count;
      }
      fieldset.appendChild(error);
      var list = el('div', { class: 'lardom-contribute__choices' + (multiple || field.choices.length > 4 ? ' lardom-contribute__choices--columns' : '') });
      var inputs = field.choices.map(function (c) {
        var inputId = id + '-' + c.id;
        var input = el('input', { type: multiple ? 'checkbox' : 'radio', id: inputId, name: field.key, value: c.id });
        list.appendChild(el('div', { class: 'lardom-contribute__choice' }, input,
          el('label', { for: inputId }, c.label, field.showIds ? el('span', { class: 'lardom-contribute__id', text: ' (' + c.id + ')' }) : null)));
        return input;
      });
      fieldset.appendChild(list);
      if (count) fieldset.appendChild(count);
      wrap.appendChild(fieldset);
      w.inputs = inputs;
      w.describe = function (hasError) {
        fieldset.setAttribute('aria-describedby', describedBy([hintId, count ? count.id : null, hasError ? errorId : null]));
        inputs.forEach(function (i) {
          if (hasError) i.setAttribute('aria-invalid', 'true');
          else i.removeAttribute('aria-invalid');
        });
      };
      if (multiple) {
        w.get = function () { return inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; }); };
        w.set = function (v) {
          var want = Array.isArray(v) ? v : [];
          inputs.forEach(function (i) { i.checked = want.indexOf(i.value) >= 0; });
        };
      } else {
        w.get = function () {
          for (var i = 0; i < inputs.length; i++) if (inputs[i].checked) return inputs[i].value;
          return '';
        };
        w.set = function (v) { inputs.forEach(function (i) { i.checked = i.value === v; }); };
      }
      w.focusTarget = function () {
        for (var i = 0; i < inputs.length; i++) if (inputs[i].checked) return inputs[i];
        return inputs[0];
      };
      w.firstId = inputs[0].id;
      w.describe(false);
      return w;
    }

    var bodyFieldset;
    var bodyList;

    function buildBody() {
      bodyFieldset = el('fieldset', { class: 'lardom-contribute__group lardom-contribute__body', id: ID + 'body', 'aria-describedby': ID + 'body-hint' },
        el('legend', { class: 'lardom-contribute__label lardom-contribute__body-legend', text: T.bodyLegend }),
        el('p', { class: 'lardom-contribute__hint', id: ID + 'body-hint', text: T.bodyHelp }));
      bodyList = el('div', {});
      bodyFieldset.appendChild(bodyList);
      renderBody();
      return bodyFieldset;
    }

    function sectionsFor(lang) {
      return (model.sections[lang] || model.sections[model.defaultLanguage] || []).filter(function (s) {
        return s && typeof s.id === 'string' && typeof s.heading === 'string';
      });
    }

    /** One textarea per section of the chosen language; texts stay with the section id. */
    function renderBody() {
      Object.keys(sectionWidgets).forEach(function (sid) { sectionTexts[sid] = sectionWidgets[sid].get(); });
      bodyList.textContent = '';
      sectionWidgets = {};
      sectionsFor(language).forEach(function (s) {
        var id = ID + 'section-' + s.id;
        var errorId = id + '-error';
        var hint = s.guidance ? el('p', { class: 'lardom-contribute__hint', id: id + '-hint', lang: language, text: s.guidance }) : null;
        var error = el('p', { class: 'lardom-contribute__error', id: errorId, hidden: true });
        var area = el('textarea', { id: id, name: 'section-' + s.id, rows: '6', class: 'lardom-contribute__input', 'data-section': s.id, lang: language });
        area.value = sectionTexts[s.id] || '';
        var wrap = el('div', { class: 'lardom-contribute__field', 'data-field': 'section-' + s.id },
          el('label', { for: id, class: 'lardom-contribute__label' }, el('span', { lang: language, text: s.heading }),
            labelSuffix(!!s.required)),
          hint, error, area);
        var w = {
          section: s, wrap: wrap, error: error, errorId: errorId, control: area,
          get: function () { return area.value; },
          set: function (v) { area.value = v || ''; },
          focusTarget: function () { return area; },
          describe: function (hasError) {
            area.setAttribute('aria-describedby', describedBy([hint ? hint.id : null, hasError ? errorId : null]));
            if (hasError) area.setAttribute('aria-invalid', 'true');
            else area.removeAttribute('aria-invalid');
          }
        };
        w.describe(false);
        sectionWidgets[s.id] = w;
        bodyList.appendChild(wrap);
      });
    }

    // ================================================================ state

    function setDefaults() {
      model.fields.forEach(function (f) {
        var w = widgets[f.key];
        if (f.key === 'date') w.set(today());
        else if (f.key === 'language') w.set(model.defaultLanguage);
        else w.set(f.widget === 'checkbox' ? [] : '');
      });
      language = model.defaultLanguage;
      Object.keys(sectionWidgets).forEach(function (sid) { sectionWidgets[sid].set(''); });
    }

    function applyDraft(d) {
      var values = d.values || {};
      model.fields.forEach(function (f) {
        if (!Object.prototype.hasOwnProperty.call(values, f.key)) return;
        var v = values[f.key];
        if (f.widget === 'checkbox') {
          if (Array.isArray(v)) widgets[f.key].set(v.map(String));
        } else if (typeof v === 'string') {
          widgets[f.key].set(v);
        }
      });
      if (widgets.language) {
        var lang = widgets.language.get();
        language = model.languages.indexOf(lang) >= 0 ? lang : model.defaultLanguage;
        widgets.language.set(language);
      }
      sectionTexts = {};
      if (d.sections && typeof d.sections === 'object') {
        Object.keys(d.sections).forEach(function (sid) {
          if (typeof d.sections[sid] === 'string') sectionTexts[sid] = d.sections[sid];
        });
      }
      sectionWidgets = {};
      renderBody();
      touched = d.touched && typeof d.touched === 'object' ? d.touched : {};
    }

    function hasContent() {
      var any = false;
      model.fields.forEach(function (f) {
        var v = widgets[f.key].get();
        if (f.key === 'date' || f.key === 'language') return;
        if (Array.isArray(v) ? v.length : String(v).trim()) any = true;
      });
      collectSections();
      Object.keys(sectionTexts).forEach(function (sid) { if (String(sectionTexts[sid]).trim()) any = true; });
      return any;
    }

    function collectSections() {
      Object.keys(sectionWidgets).forEach(function (sid) { sectionTexts[sid] = sectionWidgets[sid].get(); });
      return sectionTexts;
    }

    function saveNow() {
      clearTimeout(saveTimer);
      saveTimer = null;
      if (!root.isConnected) return;
      var values = {};
      model.fields.forEach(function (f) { values[f.key] = widgets[f.key].get(); });
      var d = {
        v: DRAFT_VERSION, values: values, sections: collectSections(), touched: touched,
        attempted: attempted, created: created
      };
      try {
        window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(d));
      } catch (e) { /* storage full or off: the form still works */ }
    }

    function saveSoon() {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(saveNow, SAVE_DELAY_MS);
    }

    // ================================================================ values

    function agencyId(text) {
      var f = model.byKey.agency;
      if (!f) return '';
      var folded = fold(text);
      if (!folded) return '';
      for (var i = 0; i < f.choices.length; i++) {
        var c = f.choices[i];
        if (fold(c.label) === folded || c.id === folded) return c.id;
      }
      return null; // typed, but not one of the agencies
    }

    /** The values as they will be written. */
    function values() {
      var v = {};
      model.fields.forEach(function (f) {
        var raw = widgets[f.key].get();
        if (f.key === 'agency') v.agency = agencyId(raw);
        else if (f.widget === 'text' || f.widget === 'textarea') v[f.key] = cleanLine(raw);
        else v[f.key] = raw;
      });
      return v;
    }

    // ================================================================ validation

    function validateField(key) {
      var f = model.byKey[key];
      var w = widgets[key];
      var raw = w.get();
      if (f.widget === 'checkbox') {
        var n = raw.length;
        var what = f.label.toLowerCase();
        if (n === 0 && f.required) return T.empty[key] || T.tooFew(Math.max(1, f.minItems), what);
        if (n > 0 && n < f.minItems) return T.tooFew(f.minItems, what);
        if (f.maxItems !== null && n > f.maxItems) return T.tooMany(f.maxItems, n, what);
        return '';
      }
      if (f.widget === 'radio' || f.widget === 'select') {
        if (!raw) return f.required ? (T.empty[key] || 'Välj ett alternativ.') : '';
        return f.choices.some(function (c) { return c.id === raw; }) ? '' : (T.empty[key] || 'Välj ett alternativ.');
      }
      if (f.widget === 'agency') {
        var id = agencyId(raw);
        if (id === '') return f.required ? T.empty.agency : '';
        return id === null ? T.agencyUnknown : '';
      }
      if (f.widget === 'date') {
        if (!raw) return w.control.validity && w.control.validity.badInput ? T.dateInvalid : (f.required ? T.empty.date : '');
        if (!isIsoDate(raw)) return T.dateInvalid;
        if (raw > today()) return T.dateFuture;
        return '';
      }
      // text and textarea
      var value = cleanLine(raw);
      var noun = T.noun[key] || f.label;
      if (!value) return f.required ? (T.empty[key] || 'Fyll i ' + f.label.toLowerCase() + '.') : '';
      var length = charCount(value);
      if (length < f.minLength) return T.tooShort(noun, f.minLength, length);
      if (f.maxLength !== null && length > f.maxLength) return T.tooLongText(noun, f.maxLength, length);
      if (f.pattern && !f.pattern.test(value)) {
        return /<[A-Za-z!/?]|\]\(/.test(value) ? T.notPlain : T.oneLine(noun);
      }
      var pnr = findIdentityNumber(value);
      if (pnr) return T.identity(pnr.kind, pnr.number);
      return '';
    }

    function validateSection(sid) {
      var w = sectionWidgets[sid];
      var s = w.section;
      var text = cleanBody(w.get());
      var hasText = /[^\s\-*_=]/.test(text);
      if (!hasText) return s.required ? T.sectionEmpty(s.heading) : '';
      var guided = sectionsFor(language).some(function (other) {
        return other.guidance && text.indexOf(other.guidance) >= 0;
      });
      if (guided) return T.guidance;
      var problem = bodyProblem(text);
      if (problem) return problem;
      var pnr = findIdentityNumber(text);
      if (pnr) return T.identity(pnr.kind, pnr.number);
      return '';
    }

    /** Every error, in the form's order: [{ id of the control to go to, message }]. */
    function validateAll() {
      var errors = [];
      model.fields.forEach(function (f) {
        var msg = validateField(f.key);
        showFieldError(widgets[f.key], msg);
        if (msg) errors.push({ target: widgets[f.key].firstId || widgets[f.key].control.id, message: msg });
      });
      sectionsFor(language).forEach(function (s) {
        var w = sectionWidgets[s.id];
        if (!w) return;
        var m = validateSection(s.id);
        showFieldError(w, m);
        // The summary names the section, unless the message already does.
        if (m) errors.push({ target: w.control.id, message: m.indexOf(s.heading) >= 0 ? m : s.heading + ': ' + m });
      });
      return errors;
    }

    function showFieldError(w, msg) {
      w.error.textContent = '';
      if (msg) {
        w.error.appendChild(srOnly(T.errorPrefix));
        w.error.appendChild(document.createTextNode(msg));
      }
      w.error.hidden = !msg;
      w.wrap.classList.toggle('lardom-contribute__field--error', !!msg);
      w.describe(!!msg);
    }

    function renderErrors(errors, focus) {
      errorList.textContent = '';
      errors.forEach(function (e) {
        errorList.appendChild(el('li', {}, el('a', { href: '#' + e.target, text: e.message })));
      });
      errorSummary.hidden = errors.length === 0;
      if (errors.length && focus) {
        errorSummary.scrollIntoView({ block: 'start' });
        errorSummary.focus({ preventScroll: true });
      }
    }

    // ================================================================ editing

    function keyOf(target) {
      if (!target || !target.name) return null;
      if (target.name.indexOf('section-') === 0) return target.name;
      return model.byKey[target.name] ? target.name : null;
    }

    function onEdit(e, committed) {
      var key = keyOf(e.target);
      if (!key) return;
      restoredNote.hidden = true;
      if (key === 'language') {
        var lang = widgets.language.get();
        if (lang && lang !== language && model.languages.indexOf(lang) >= 0) {
          language = lang;
          renderBody();
        }
      }
      if (committed) touched[key] = true;
      refreshCounters();
      if (attempted) {
        var errors = validateAll();
        renderErrors(errors, false);
      } else if (touched[key]) {
        validateOne(key);
      }
      if (created) showResult(false);
      saveSoon();
    }

    function validateOne(key) {
      if (key.indexOf('section-') === 0) {
        var sid = key.slice(8);
        if (sectionWidgets[sid]) showFieldError(sectionWidgets[sid], validateSection(sid));
      } else {
        showFieldError(widgets[key], validateField(key));
      }
    }

    function refreshAll() {
      refreshCounters();
      Object.keys(touched).forEach(function (key) {
        if (widgets[key] || (key.indexOf('section-') === 0 && sectionWidgets[key.slice(8)])) validateOne(key);
      });
    }

    var announceTimer = null;
    var lastSpoken = {};

    function refreshCounters() {
      model.fields.forEach(function (f) {
        var w = widgets[f.key];
        if (!w.counter) return;
        var text;
        var spoken = null;
        if (f.widget === 'checkbox') {
          var n = w.get().length;
          text = T.chosen(n, f.maxItems);
          w.counter.classList.toggle('lardom-contribute__counter--over', f.maxItems !== null && n > f.maxItems);
        } else {
          var len = charCount(cleanLine(w.get()));
          text = T.chars(len, f.minLength, f.maxLength);
          spoken = T.charsSpoken(len, f.minLength, f.maxLength);
          w.counter.classList.toggle('lardom-contribute__counter--over', len > f.maxLength);
        }
        if (w.counter.textContent !== text) {
          w.counter.textContent = text;
          if (spoken && document.activeElement === w.control) scheduleSpoken(f.key, spoken);
        }
      });
      var agency = widgets.agency;
      if (agency && agency.folder) {
        var id = agencyId(agency.get());
        agency.folder.textContent = id ? T.agencyFolder(id) : '';
        agency.folder.hidden = !id;
      }
    }

    /** Character counts are read out when typing pauses, not at every key. */
    function scheduleSpoken(key, text) {
      clearTimeout(announceTimer);
      announceTimer = setTimeout(function () {
        if (lastSpoken[key] === text) return;
        lastSpoken[key] = text;
        announce(text);
      }, ANNOUNCE_DELAY_MS);
    }

    function announce(text) {
      announcer.textContent = '';
      setTimeout(function () { announcer.textContent = text; }, 50);
    }

    // ================================================================ the file

    function buildFile() {
      var v = values();
      var lines = ['---'];
      function has(key) { return !!model.byKey[key]; }
      if (has('title')) lines.push('title: ' + yamlString(v.title));
      if (has('agency')) lines.push('agency: ' + yamlId(v.agency));
      if (has('date')) lines.push('date: ' + v.date);
      if (has('phase')) lines.push('phase: ' + yamlId(v.phase));
      if (has('kind')) lines.push('kind: ' + yamlId(v.kind));
      if (has('themes')) lines.push('themes: [' + v.themes.map(yamlId).join(', ') + ']');
      if (has('signals') && v.signals.length) lines.push('signals: [' + v.signals.map(yamlId).join(', ') + ']');
      if (has('summary')) lines.push('summary: ' + yamlString(v.summary));
      if (has('classification')) lines.push('classification: ' + yamlId(v.classification));
      if (has('project') && v.project) lines.push('project: ' + yamlString(v.project));
      if (has('language') && v.language && v.language !== model.defaultLanguage) lines.push('language: ' + yamlId(v.language));
      lines.push('---');
      var text = lines.join('\n') + '\n';
      collectSections();
      sectionsFor(language).forEach(function (s) {
        var body = cleanBody(sectionTexts[s.id]);
        if (!/[^\s\-*_=]/.test(body) && !s.required) return;
        text += '\n## ' + s.heading + '\n\n' + body + '\n';
      });
      var slug = slugify(v.title);
      var path = model.path.replace('{agency}', v.agency).replace('{slug}', slug);
      return { text: text, slug: slug, agency: v.agency, path: path, filename: slug + '.md' };
    }

    var current = null;

    function showResult(focus) {
      var errors = validateAll();
      if (errors.length) {
        hideResult();
        return;
      }
      current = buildFile();
      created = true;
      result.hidden = false;
      staleNote.hidden = true;
      resultBody.hidden = false;
      pathCode.textContent = current.path;
      if (output.value !== current.text) {
        output.value = current.text;
        output.rows = Math.min(24, Math.max(12, current.text.split('\n').length + 1));
      }
      if (openLink) {
        var url = fillTemplate(newFileTemplate, current.agency, current.filename, current.text);
        var fits = url.length <= MAX_URL_LENGTH;
        openLink.hidden = !fits;
        if (fits) openLink.href = url;
        else openLink.removeAttribute('href');
        tooLongNote.hidden = fits;
        openEmptyLink.hidden = fits;
        openEmptyLink.href = fillTemplate(newFileTemplate, current.agency, current.filename, '');
      }
      if (focus) {
        status.textContent = '';
        resultHeading.scrollIntoView({ block: 'start' });
        resultHeading.focus({ preventScroll: true });
      }
    }

    /** The form has errors again after a file was made: keep the section, hide the old text. */
    function hideResult() {
      if (!created) return;
      staleNote.hidden = false;
      resultBody.hidden = true;
      current = null;
    }

    function fillTemplate(template, agency, filename, value) {
      return template
        .replace(/\{agency\}/g, encodeURIComponent(agency))
        .replace(/\{filename\}/g, encodeURIComponent(filename))
        .replace(/\{value\}/g, encodeURIComponent(value));
    }

    function say(text) {
      status.textContent = '';
      setTimeout(function () { status.textContent = text; }, 50);
    }

    function copyText() {
      if (!current) return;
      var text = current.text;
      var fallback = function () {
        output.focus();
        output.select();
        var ok = false;
        try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
        say(ok ? T.copied : T.copySelected);
      };
      if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function' && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { say(T.copied); }, fallback);
      } else {
        fallback();
      }
    }

    function downloadFile() {
      if (!current) return;
      var blob = new Blob([current.text], { type: 'text/markdown;charset=utf-8' });
      var url = URL.createObjectURL(blob);
      var a = el('a', { href: url, download: current.filename, hidden: true });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      say(T.downloaded(current.filename));
    }
  }

  function forgeName(template) {
    var host = '';
    try { host = new URL(template.replace(/[{}]/g, ''), document.baseURI).hostname; } catch (e) { host = ''; }
    if (/github/i.test(host)) return 'GitHub';
    if (/gitlab/i.test(host)) return 'GitLab';
    return 'Webbplatsen';
  }

  // ------------------------------------------------------------------ start

  window.lardomContribute = {
    boot: boot,
    // For tests and other scripts: the same rules the form uses.
    slugify: slugify,
    yamlString: yamlString
  };
  window.lardom.onEveryPage(boot);
})();
