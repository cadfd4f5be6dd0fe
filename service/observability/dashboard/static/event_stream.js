// Follows a job's Server-Sent Events over fetch(): a browser's EventSource cannot send the
// Authorization header. Reconnects with Last-Event-ID, as EventSource would, until the end event.
"use strict";

async function followEvents(url, key, onEvent, signal) {
  let lastId = null;
  while (!signal.aborted) {
    try {
      const headers = { Authorization: `Bearer ${key}`, Accept: "text/event-stream" };
      if (lastId) headers["Last-Event-ID"] = lastId;
      const response = await fetch(url, { headers, signal });
      if (!response.ok) {
        onEvent("error", { detail: `the event stream answered ${response.status}` });
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = {};
          for (const line of block.split("\n")) {
            if (!line || line.startsWith(":")) continue;  // a keep-alive comment
            const colon = line.indexOf(":");
            fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, "");
          }
          if (!fields.event) continue;
          if (fields.id) lastId = fields.id;
          onEvent(fields.event, JSON.parse(fields.data));
          if (fields.event === "end") return;
        }
      }
    } catch (error) {
      if (signal.aborted) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));  // the server went away: try again
  }
}
