import Foundation
import Hummingbird

/// Answers every request: the live-reload event stream, or a file from the site folder.
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let resolver: SiteFileResolver
    let broadcaster: ReloadBroadcaster

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        let path = request.uri.path
        let response: Response
        if path == LiveReloadScript.eventsPath {
            response = eventStream()
        } else {
            response = fileResponse(rawPath: path, query: request.uri.query, acceptEncoding: request.headers[.acceptEncoding] ?? "")
        }
        return request.method == .head ? response.createHeadResponse() : response
    }

    // MARK: Files

    private func fileResponse(rawPath: String, query: String?, acceptEncoding: String) -> Response {
        switch resolver.resolve(rawPath: rawPath) {
        case .file(let path):
            if let response = precompressed(file: path, acceptEncoding: acceptEncoding) { return response }
            if let response = Self.serve(file: path, status: .ok) { return response }
            return notFound()
        case .redirect(let location):
            let target = query.map { location + "?" + $0 } ?? location
            return Response(status: .movedPermanently, headers: [.location: target, .cacheControl: "no-cache"])
        case .notFound:
            return notFound()
        }
    }

    /// The file's `.br` or `.gz` sibling written by the build, when the client accepts it (HTML excepted: it
    /// gets the live-reload script, so it is served as it is).
    private func precompressed(file path: String, acceptEncoding: String) -> Response? {
        let contentType = ContentTypes.forPath(path)
        guard !ContentTypes.isHTML(contentType) else { return nil }
        for (encoding, suffix) in Self.encodings(accepted: acceptEncoding) {
            guard let sibling = resolver.sibling(of: path, suffix: suffix),
                  let data = FileManager.default.contents(atPath: sibling) else { continue }
            return Response(
                status: .ok,
                headers: [
                    .contentType: contentType,
                    .contentEncoding: encoding,
                    .vary: "Accept-Encoding",
                    .cacheControl: "no-cache",
                    .init("X-Content-Type-Options")!: "nosniff",
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: [UInt8](data)))
            )
        }
        return nil
    }

    /// The precompressed encodings an `Accept-Encoding` header allows, best first: (`br`, `.br`), (`gzip`, `.gz`).
    static func encodings(accepted header: String) -> [(String, String)] {
        var allowed: Set<String> = []
        for part in header.lowercased().split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = pieces.first, !name.isEmpty else { continue }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if quality > 0 { allowed.insert(name) }
        }
        return [("br", ".br"), ("gzip", ".gz")].filter { allowed.contains($0.0) || allowed.contains("*") }
    }

    private func notFound() -> Response {
        if let page = resolver.notFoundPage(), let response = Self.serve(file: page, status: .notFound) {
            return response
        }
        // No 404.html (or no site yet, after a failed first build): a minimal page that still
        // carries the live-reload script, so it shows build errors and reloads after a fix.
        let body = ByteBuffer(string: LiveReloadScript.inject(into: Self.fallbackNotFoundPage))
        return Response(
            status: .notFound,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
            body: .init(byteBuffer: body)
        )
    }

    static let fallbackNotFoundPage = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
        <body><h1>404 Not Found</h1><p>This page is not in the built site (yet).</p></body></html>

        """

    /// Reads the whole file; HTML gets the live-reload snippet. Preview files are small, and
    /// reading per request means a freshly built site is served at once.
    static func serve(file path: String, status: HTTPResponse.Status) -> Response? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let contentType = ContentTypes.forPath(path)
        let bytes: [UInt8] = ContentTypes.isHTML(contentType)
            ? LiveReloadScript.inject(into: [UInt8](data))
            : [UInt8](data)
        return Response(
            status: status,
            headers: [
                .contentType: contentType,
                .cacheControl: "no-cache",
                .init("X-Content-Type-Options")!: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    // MARK: Events

    private func eventStream() -> Response {
        let events = broadcaster.subscribe()
        let body = ResponseBody { writer in
            // `retry` makes browsers reconnect quickly after a restart; the comment tells
            // clients the subscription is live.
            try await writer.write(ByteBuffer(string: "retry: 1000\n: connected\n\n"))
            for await event in events {
                try await writer.write(ByteBuffer(string: event.serverSentEvent))
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: body
        )
    }
}
