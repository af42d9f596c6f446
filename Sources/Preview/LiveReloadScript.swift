/// The live-reload snippet the preview adds to HTML responses (never to files on disk).
///
/// It opens an `EventSource` on ``eventsPath`` and handles two events:
/// - `reload` (`{"paths": [...]}`): hides the error overlay, and reloads the page when the list holds
///   `*`, the page's own path, or the path of a stylesheet, script or image the page loads.
/// - `build-error` (`{"messages": [...]}`): shows an overlay listing the messages. Text is set with
///   `textContent`, so messages are never interpreted as HTML.
public enum LiveReloadScript {
    /// The Server-Sent Events endpoint the snippet connects to.
    public static let eventsPath = "/__signals/events"

    /// Marks the snippet, so tests and tools can tell an injected page from a built one.
    public static let marker = "data-signals-live-reload"

    /// The `<script>` element inserted before `</body>`.
    public static let snippet: String = """
    <script \(marker)>
    (() => {
      const norm = (p) => {
        try { p = decodeURIComponent(p); } catch (e) {}
        if (p.endsWith("/index.html")) return p.slice(0, -10);
        const last = p.slice(p.lastIndexOf("/") + 1);
        return (p.endsWith("/") || last.includes(".")) ? p : p + "/";
      };
      const own = norm(location.pathname);
      const loads = () => Array.from(document.querySelectorAll("link[href],script[src],img[src]"), (el) => {
        const u = new URL(el.getAttribute("href") || el.getAttribute("src"), location.href);
        return u.origin === location.origin ? norm(u.pathname) : null;
      });
      const affects = (paths) => paths.some((p) => p === "*" || norm(p) === own) ||
        (paths.length > 0 && loads().some((u) => u !== null && paths.some((p) => norm(p) === u)));
      let box = null;
      const hide = () => { if (box) { box.remove(); box = null; } };
      const show = (messages) => {
        hide();
        box = document.createElement("div");
        box.id = "signals-error-overlay";
        box.setAttribute("role", "alert");
        box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;" +
          "background:rgba(20,20,24,.94);color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;";
        const title = document.createElement("div");
        title.style.cssText = "color:#fca5a5;font-weight:bold;margin-bottom:1rem;font-size:16px;";
        title.textContent = "Build failed \\u2014 showing the last good version. Fix the error and save to retry.";
        const list = document.createElement("pre");
        list.style.cssText = "margin:0;white-space:pre-wrap;word-break:break-word;color:inherit;background:none;";
        list.textContent = messages.join("\\n");
        const close = document.createElement("button");
        close.type = "button";
        close.textContent = "\\u00d7";
        close.setAttribute("aria-label", "Hide");
        close.style.cssText = "position:absolute;top:.5rem;right:1rem;font-size:24px;background:none;border:0;color:inherit;cursor:pointer;";
        close.onclick = hide;
        box.append(close, title, list);
        (document.body || document.documentElement).append(box);
      };
      const events = new EventSource("\(eventsPath)");
      events.addEventListener("reload", (e) => {
        const paths = JSON.parse(e.data).paths || [];
        hide();
        if (affects(paths)) location.reload();
      });
      events.addEventListener("build-error", (e) => show(JSON.parse(e.data).messages || []));
    })();
    </script>
    """

    /// Returns `html` with the snippet inserted before the last `</body>` (any case), or appended
    /// when the document has no `</body>`.
    public static func inject(into html: String) -> String {
        String(decoding: inject(into: Array(html.utf8)), as: UTF8.self)
    }

    /// Byte-level variant used by the server, so bodies that are not valid UTF-8 pass through intact.
    static func inject(into bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        let snippetBytes = Array(snippet.utf8)
        if let index = lastIndex(of: Array("</body".utf8), in: bytes) {
            bytes.insert(contentsOf: snippetBytes, at: index)
        } else {
            bytes.append(contentsOf: snippetBytes)
        }
        return bytes
    }

    /// Last occurrence of an ASCII `needle` in `haystack`, ignoring ASCII case.
    private static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var start = haystack.count - needle.count
        while start >= 0 {
            var matches = true
            for offset in 0..<needle.count where lower(haystack[start + offset]) != lower(needle[offset]) {
                matches = false
                break
            }
            if matches { return start }
            start -= 1
        }
        return nil
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (byte >= 65 && byte <= 90) ? byte + 32 : byte
    }
}
