import Foundation

/// One Server-Sent Event as a browser's EventSource would see it.
struct SSEEvent: Sendable, Equatable, CustomStringConvertible {
    var name: String
    var data: String
    var description: String { "\(name): \(data)" }

    /// The decoded JSON `paths` or `messages` list of the event.
    func list(_ key: String) -> [String] {
        guard let json = try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any] else { return [] }
        return json[key] as? [String] ?? []
    }
}

/// Reads `/__signals/events` over a raw socket on its own thread. Comments are recorded as
/// events named `comment` (the server sends `: connected` first).
final class EventStreamClient: Sendable {
    let events = Recorder<SSEEvent>()
    let closed = Recorder<Bool>()
    private let socket: LoopbackSocket

    /// Connects and returns once the server has confirmed the subscription.
    static func open(port: Int) async throws -> EventStreamClient {
        let socket = try await onThread { try LoopbackSocket(port: port) }
        let client = EventStreamClient(socket: socket)
        try socket.send("GET /__signals/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
        let thread = Thread { client.readLoop() }
        thread.start()
        try await client.events.wait(for: "the connected comment") { $0.contains { $0.name == "comment" } }
        return client
    }

    private init(socket: LoopbackSocket) {
        self.socket = socket
    }

    func close() {
        socket.close()
    }

    private func readLoop() {
        var head: [UInt8] = []
        var chunked = false
        var decoder = ChunkedDecoder()
        var text = ""
        var inBody = false
        while let bytes = socket.receive() {
            var body: [UInt8] = []
            if inBody {
                body = bytes
            } else {
                head += bytes
                guard let end = LoopbackHTTP.headerEnd(head) else { continue }
                let headers = (try? LoopbackHTTP.parseHead(Array(head[..<end])).1) ?? [:]
                chunked = headers["transfer-encoding"]?.lowercased() == "chunked"
                body = Array(head[(end + 4)...])
                inBody = true
            }
            text += String(decoding: chunked ? decoder.feed(body) : body, as: UTF8.self)
            while let range = text.range(of: "\n\n") {
                let block = String(text[..<range.lowerBound])
                text = String(text[range.upperBound...])
                for event in Self.parse(block) { events.append(event) }
            }
        }
        closed.append(true)
    }

    static func parse(_ block: String) -> [SSEEvent] {
        var name = "message"
        var data: [String] = []
        var result: [SSEEvent] = []
        for line in block.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix(":") {
                result.append(SSEEvent(name: "comment", data: line.dropFirst().trimmingCharacters(in: .whitespaces)))
            } else if line.hasPrefix("event:") {
                name = line.dropFirst(6).trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("data:") {
                data.append(line.dropFirst(5).trimmingCharacters(in: .whitespaces))
            }
        }
        if !data.isEmpty { result.append(SSEEvent(name: name, data: data.joined(separator: "\n"))) }
        return result
    }
}
