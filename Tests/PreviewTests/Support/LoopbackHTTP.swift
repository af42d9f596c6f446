import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A response read off the wire.
struct HTTPResult: Sendable {
    var status: Int
    /// Header names lowercased.
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
}

struct SocketError: Error, CustomStringConvertible {
    let description: String
}

/// A blocking TCP connection to 127.0.0.1. Its calls run on their own threads (see `onThread`),
/// never on the cooperative pool the server itself needs.
final class LoopbackSocket: @unchecked Sendable {
    let fd: Int32

    init(port: Int) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError(description: "socket() failed") }
        var timeout = timeval(tv_sec: 15, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            Glibc.close(fd)
            throw SocketError(description: "connect to port \(port) failed: errno \(errno)")
        }
        self.fd = fd
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw SocketError(description: "send failed: errno \(errno)") }
            sent += n
        }
    }

    /// The next bytes, or nil at end of stream (or on error or timeout).
    func receive() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        return Array(buffer[0..<n])
    }

    /// Unblocks a pending `receive` (it returns nil) and releases the descriptor.
    func close() {
        shutdown(fd, Int32(SHUT_RDWR))
    }

    deinit {
        Glibc.close(fd)
    }
}

/// Runs blocking work on a new thread and awaits its result.
func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try work() }) }
        thread.start()
    }
}

enum LoopbackHTTP {
    /// Sends one request with the path exactly as given (no normalisation, like `curl --path-as-is`).
    static func request(port: Int, path: String, method: String = "GET", headers: [String: String] = [:]) async throws -> HTTPResult {
        try await onThread {
            let socket = try LoopbackSocket(port: port)
            defer { socket.close() }
            let extra = headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)\r\n" }.joined()
            try socket.send("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\(extra)Connection: close\r\n\r\n")
            var raw: [UInt8] = []
            while let chunk = socket.receive() { raw += chunk }
            return try parse(raw, method: method)
        }
    }

    static func parse(_ raw: [UInt8], method: String) throws -> HTTPResult {
        guard let split = headerEnd(raw) else {
            throw SocketError(description: "no complete response head in \(raw.count) bytes")
        }
        let (status, headers) = try parseHead(Array(raw[..<split]))
        var body = Array(raw[(split + 4)...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            var decoder = ChunkedDecoder()
            body = decoder.feed(body)
        }
        return HTTPResult(status: status, headers: headers, body: method == "HEAD" ? [] : body)
    }

    static func headerEnd(_ raw: [UInt8]) -> Int? {
        guard raw.count >= 4 else { return nil }
        for i in 0...(raw.count - 4) where raw[i] == 13 && raw[i + 1] == 10 && raw[i + 2] == 13 && raw[i + 3] == 10 {
            return i
        }
        return nil
    }

    static func parseHead(_ head: [UInt8]) throws -> (Int, [String: String]) {
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw SocketError(description: "bad status line: \(lines.first ?? "")")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return (status, headers)
    }
}

/// Incremental decoder for `Transfer-Encoding: chunked` bodies.
struct ChunkedDecoder {
    private var pending: [UInt8] = []

    /// Feeds raw bytes; returns the body bytes decoded so far from them.
    mutating func feed(_ bytes: [UInt8]) -> [UInt8] {
        pending += bytes
        var output: [UInt8] = []
        while let lineEnd = indexOfCRLF(in: pending) {
            let sizeText = String(decoding: pending[..<lineEnd], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first.map(String.init) ?? "", radix: 16) else {
                pending = []
                break
            }
            let start = lineEnd + 2
            guard pending.count >= start + size + 2 else { break }
            output += pending[start..<(start + size)]
            pending.removeFirst(start + size + 2)
            if size == 0 { break }
        }
        return output
    }

    private func indexOfCRLF(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        for i in 0..<(bytes.count - 1) where bytes[i] == 13 && bytes[i + 1] == 10 { return i }
        return nil
    }
}
