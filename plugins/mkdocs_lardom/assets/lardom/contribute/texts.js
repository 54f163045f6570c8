/* The contribution form's fields, settings and Swedish texts. */

export const STORAGE_KEY = "lardom-contribute:draft";
export const DRAFT_VERSION = 1;
export const MAX_URL_LENGTH = 7000; // GitHub answers longer "new file" addresses with an error
export const SAVE_DELAY_MS = 300;
export const ANNOUNCE_DELAY_MS = 1200; // counters are read out once the typing pauses
export const ID = "lardom-c-"; // prefix of every id the form creates

// The form's fields, in order. Choices and limits come from the schema. The help texts are the
// form's own: the schema's name ids and taxonomy files for the file's writer, while a reader of
// the form chooses by Swedish names, and the ids stay in the file.
export const FIELDS = [
  { key: "title", label: "Rubrik", widget: "text",
    help: "En rad, 10–150 tecken, som säger vad som hände eller vad projektet lärde sig." },
  { key: "agency", label: "Myndighet", widget: "agency", help: "Den myndighet som lärdomen kommer från." },
  { key: "date", label: "Datum", widget: "date",
    help: "Dagens datum, eller det datum då du skrev lärdomen. Skriv det som ÅÅÅÅ-MM-DD, till exempel 2026-03-15." },
  { key: "phase", label: "Fas", widget: "select",
    help: "Den fas i projektet då det hände, inte den då det upptäcktes." },
  { key: "kind", label: "Typ av lärdom", widget: "radio",
    help: "Misstag om något gick fel, framgång om något fungerade bra, iakttagelse för annat som är värt att känna till." },
  { key: "themes", label: "Teman", widget: "checkbox", help: "Ett till fem teman som lärdomen handlar om." },
  { key: "signals", label: "Varningssignaler", widget: "checkbox",
    help: "De varningssignaler som syntes i projektet. Du kan också låta bli att välja någon." },
  { key: "summary", label: "Sammanfattning", widget: "textarea",
    help: "Två eller tre meningar i ren text, 20–500 tecken. Den visas i listor och sökträffar." },
  { key: "classification", label: "Vem får läsa lärdomen?", widget: "radio" },
  { key: "language", label: "Språk", widget: "radio",
    help: "Skriv på svenska, om det inte är naturligt med engelska, till exempel i ett EU-projekt." },
  { key: "project", label: "Projektets namn", widget: "text", help: "Namnet på projektet eller investeringen, om du vill ange det." },
];
// The impact (issue 17), nested under impact: in the file and in the schema. The original plan
// comes first: an overrun shows as a share of what was first decided, not of a moved plan.
FIELDS.push(
  { key: "impact.severity", label: "Allvarlighetsgrad", widget: "select", placeholder: "Ange inte",
    help: "Hur allvarligt det blev för verksamheten. Du kan låta bli att ange den." },
  { key: "impact.original_budget_sek", label: "Ursprunglig budget (kronor)", widget: "number",
    help: "Budgeten när projektet först beslutades, före alla ändringar. Lämna tomt om du inte vet." },
  { key: "impact.planned_months", label: "Ursprungligt planerad tid (månader)", widget: "number",
    help: "Hur många månader projektet först skulle ta, från beslut till planerat slut." },
  { key: "impact.cost_sek", label: "Merkostnad (kronor)", widget: "number",
    help: "Vad det kostade utöver den ursprungliga budgeten, i hela kronor." },
  { key: "impact.delay_months", label: "Försening (månader)", widget: "number",
    help: "Hur många månader senare än den ursprungliga planen." },
);
// Labels for a choice whose schema has no enumDescriptions.
export const CHOICE_LABELS = {
  classification: { public: "Offentlig", internal: "Intern" },
};

export const T = {
  loading: 'Läser in formuläret …',
  loadError: 'Det gick inte att läsa in formuläret. Kontrollera din anslutning och försök igen.',
  retry: 'Försök igen',
  required: 'krävs',
  optional: 'frivilligt',
  restored: 'Formuläret innehåller det du skrev tidigare i den här fliken. Vill du tömma det väljer du ”Börja om” längst ner.',
  agencyHint: 'Skriv några bokstäver i myndighetens namn och välj i listan.',
  agencyFolder: function (id) { return 'Filen hamnar i mappen lessons/' + id + '/.'; },
  choosePhase: 'Välj fas',
  notNumber: 'Skriv bara siffror, till exempel 12 000 000, utan kr eller andra tecken.',
  notWhole: 'Skriv ett heltal, utan decimaler.',
  tooSmall: function (min) {
    return 'Värdet får inte vara mindre än ' + min + '.';
  },
  classificationHelp: 'Offentlig betyder att lärdomen publiceras för alla på den öppna webbplatsen. ' +
    'Intern betyder att den bara kommer med i den interna versionen av Lärdomsbanken. ' +
    'Inget är förvalt: bestäm tillsammans med din myndighets registrator.',
  bodyLegend: 'Lärdomens text',
  bodyHelp: 'Varje avsnitt blir en rubrik i filen. Frivilliga avsnitt som du lämnar tomma kommer inte med. ' +
    'Du kan skriva med Markdown: listor med -, **fetstil** och underrubriker med ###.',
  chars: function (n, min, max) {
    let s = n + '/' + max + ' tecken';
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
    return 'I repositoriet lämnar du in filen som ett förslag, en så kallad pull request: skriv en rad om vad ' +
      'förslaget gäller och skicka det. ' + forge + ' tar inte emot hur långa adresser som helst, så en lång ' +
      'lärdom får du kopiera och klistra in i stället.';
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
    return 'Texten innehåller ' + kind + ' (' + number + '). Ta bort det och beskriv rollen i stället, ' +
      'till exempel ”en handläggare” eller ”en sökande”.';
  },
  heading: 'Använd inte rubriker med # eller ## i texten; de är till för avsnitten. Skriv ### för en underrubrik.',
  setext: 'En rad med bara - eller = direkt under en textrad blir en rubrik. Lägg en tom rad före den, eller ta bort den.',
  fence: 'Ett kodblock som börjar med ``` eller ~~~ avslutas aldrig. Avsluta det med samma tecken på en egen rad.',
  guidance: 'Texten innehåller fortfarande vägledningen. Ersätt den med din egen text.',
  rawHtml: function (tag) {
    return 'Texten innehåller HTML (' + tag + '). Skriv med Markdown i stället, eller lägg exempel på HTML ' +
      'i ett kodblock mellan två rader med ```.';
  },
  unsafeLink: function (scheme) {
    return 'En länk börjar med ”' + scheme + ':”, som inte är tillåtet. Länka bara till adresser som börjar med ' +
      'http://, https:// eller mailto:.';
  }
};
