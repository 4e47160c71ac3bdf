// One Python for every embed page of this site that a browser has open (a SharedWorker, opened by
// shared-python.js): the three embed frames of a course page, or an embed page in another tab,
// are served by the Python that worker.mjs starts here once, not by three.
//
// worker.mjs speaks to one page, through postMessage and its "message" events, as in a dedicated
// worker; here each page is a port. This module gives each connection a client id and renames its
// request ids and channels, so that two pages' requests never collide nor supersede each other
// (two embed pages of one widget use the same channel names); it sends each answer back to the
// page that asked, and the start's news (progress, ready, failed) to every page, a page that
// comes late included. A page that closes ("release", or its lock goes with it) ends what it left
// running, and Python drops its sessions.
//
// Whether this worker still runs is told by a Web Lock it holds for its whole life: a page waits
// for that lock, and is granted it only once this worker has ended (a crash), and then starts a
// new one; every other page does the same at the same moment, and they all meet in the new one.

const instance = crypto.randomUUID(); // this Python's name, shown on the pages it serves
const lifeLock = `backprop-python:${instance}`;
const holding = new Promise((held) => {
  navigator.locks.request(lifeLock, () => {
    held();
    return new Promise(() => {}); // held until this worker ends
  });
});

const ports = new Map();    // client id -> its page's port
const askedBy = new Map();  // id as Python sees it -> {client, id as the page sent it}
const idsOf = new Map();    // client id -> Map(page's id -> Python's id)
let nextClient = 1;
let nextId = 1;
let started = false;        // Python has been started: by this worker's address or a page's "init"
let news = null;            // the start's latest message, for a page that connects later
let fetchedLater = null;    // Python's "fetched-later", once said, for a page that connects later
const FINAL = new Set(["result", "error", "superseded", "end", "cell-result"]);

// worker.mjs calls `postMessage` by name, which a shared worker's scope lacks: here it is this.
globalThis.postMessage = fromPython;
const python = import("./worker.mjs");
// Address -> the promise of its response: the start's downloads, begun here as this worker starts
// (or a page's "init" comes, where its address held none: beginDownloads), which worker.mjs takes
// over.
globalThis.begunDownloads = new Map();
python.catch((err) => fromPython({
  type: "failed", error: `the Python worker could not be loaded (${err.message})` }));

// How to start comes in this worker's own address (builder/pipeline.py writes it there, with paths
// from this script's folder), so Python's downloads begin as this module runs. A page's "init"
// crosses its main thread, which on a course page of three embeds was busy with the frames'
// loading: it came 0.07-0.1 s after this worker had started (0.02 s under one embed), and the
// snapshot was asked for that much later (0.375 s after navigation against 0.32 s now, 8 runs).
const [, initInAddress] = self.location.hash.match(/^#init=(.*)/) ?? [];
if (initInAddress) {
  try {
    const init = JSON.parse(decodeURIComponent(initInAddress));
    for (const [key, path] of Object.entries(init)) { // every entry but its type is a path
      if (key !== "type") init[key] = new URL(path, self.location.href).href;
    }
    beginDownloads(init);
    toPython(init);
    started = true;
  } catch { /* not ours to read: the first page's "init" will say how to start */ }
}

function toPython(message) {
  python.then(() => self.dispatchEvent(new MessageEvent("message", { data: message })));
}

function fromPython(message) {
  if (message.type === "fetched-later") {
    fetchedLater = message;
    for (const port of ports.values()) port.postMessage(message);
    return;
  }
  if (message.id === undefined || message.type === "progress") {
    news = { ...message, shared: true, instance };
    for (const port of ports.values()) port.postMessage(news);
    return;
  }
  const asker = askedBy.get(message.id);
  if (!asker) return; // its page has closed
  if (FINAL.has(message.type)) {
    askedBy.delete(message.id);
    idsOf.get(asker.client)?.delete(asker.id);
  }
  ports.get(asker.client).postMessage({ ...message, id: asker.id });
}

self.addEventListener("connect", (event) => {
  const port = event.ports[0];
  const client = `page-${nextClient++}`;
  ports.set(client, port);
  idsOf.set(client, new Map());
  port.addEventListener("message", (message) => fromPage(client, message.data));
  port.start();
  holding.then(() => port.postMessage({ type: "hello", client, lock: lifeLock }));
});

function fromPage(client, message) {
  const port = ports.get(client);
  if (!port) return; // released already
  if (message.type === "init") {
    if (!started) {
      beginDownloads(message);
      toPython(message);
    } else if (news) {
      port.postMessage(news);
    }
    if (fetchedLater) port.postMessage(fetchedLater);
    started = true;
  } else if (message.type === "holding") {
    // The page holds a lock for as long as it lives: granted here, the page is gone (closed
    // without a word, or crashed).
    navigator.locks.request(message.lock, () => release(client));
  } else if (message.type === "release") {
    release(client);
  } else {
    toPython(renamed(client, message));
  }
}

/** Python's files, asked for at once rather than once worker.mjs has loaded and read the "init":
 *  worker.mjs is a request of its own, which waited 0.06-0.11 s behind the page's scripts (two
 *  cores, a course page of three embeds). The same files worker.mjs's start downloads (its
 *  `download` takes these over); a module it imports by the same address is this one. */
function beginDownloads({ pyodide, backprop, snapshot }) {
  const files = snapshot ? [backprop, snapshot, new URL("pyodide.asm.wasm", pyodide).href] : [backprop];
  for (const url of files) {
    const response = fetch(url);
    response.catch(() => {}); // worker.mjs reports it, as it takes it over
    begunDownloads.set(url, response);
  }
  const modules = snapshot ? ["pyodide.mjs", "pyodide.asm.mjs"] : ["pyodide.mjs"];
  for (const name of modules) import(new URL(name, pyodide).href).catch(() => {});
  if (snapshot) import("./snapshot-start.mjs").catch(() => {});
}

/** The page's message as Python gets it: its page named, ids and channels its own. */
function renamed(client, message) {
  const ids = idsOf.get(client);
  const scoped = { ...message, client };
  if (message.channel !== undefined) scoped.channel = `${client}:${message.channel}`;
  if (message.type === "want" || message.type === "stop") {
    scoped.id = ids.get(message.id) ?? -1; // -1: a stream that has ended, which Python ignores
  } else if (message.id !== undefined) {
    scoped.id = nextId++;
    askedBy.set(scoped.id, { client, id: message.id });
    ids.set(message.id, scoped.id);
  }
  return scoped;
}

function release(client) {
  const ids = idsOf.get(client);
  if (!ids) return;
  for (const id of ids.values()) askedBy.delete(id);
  idsOf.delete(client);
  ports.get(client).close();
  ports.delete(client);
  toPython({ type: "release", client });
}
