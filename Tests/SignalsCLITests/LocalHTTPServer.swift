import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 (POSIX sockets, a thread per connection) for the link checker's tests:
/// never the internet. Each path answers as its route says; it records every request and how many were in
/// flight at once.
final class LocalHTTPServer: @unchecked Sendable {
    enum Route {
        case status(Int)
        /// 301 to this location.
        case redirect(String)
        /// 405 to HEAD, 200 to GET (servers that refuse HEAD).
        case headRefused
        /// Accepts the request and never answers (until the server stops).
        case silent
        /// Holds the answer until `count` requests are in flight at once (or 3 s pass), then 200.
        case hold(count: Int)
    }

    let port: Int
    private let listener: Int32
    private let routes: [String: Route]
    private let condition = NSCondition()
    private var stopped = false
    private var inFlight = 0
    private(set) var maxInFlight = 0
    private var log: [String] = []

    /// Every request so far, `HEAD /ok`, in arrival order.
    var requests: [String] {
        condition.lock()
        defer { condition.unlock() }
        return log
    }

    var base: String { "http://127.0.0.1:\(port)" }

    init(routes: [String: Route]) throws {
        self.routes = routes
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(descriptor, 64) == 0 else {
            close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        listener = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Stops accepting, releases silent and held connections.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                condition.lock()
                let done = stopped
                condition.unlock()
                if done || errno != EINTR { return }
                continue
            }
            let thread = Thread { [self] in handle(connection) }
            thread.start()
        }
    }

    private func handle(_ connection: Int32) {
        defer { close(connection) }
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !received.contains(13) || String(decoding: received, as: UTF8.self).range(of: "\r\n\r\n") == nil {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count <= 0 { return }
            received += buffer[0..<count]
        }
        let firstLine = String(decoding: received, as: UTF8.self).split(separator: "\r\n").first.map(String.init) ?? ""
        let parts = firstLine.split(separator: " ")
        guard parts.count >= 2 else { return }
        let method = String(parts[0]), path = String(parts[1])
        condition.lock()
        log.append("\(method) \(path)")
        inFlight += 1
        maxInFlight = max(maxInFlight, inFlight)
        condition.broadcast()
        condition.unlock()
        defer {
            condition.lock()
            inFlight -= 1
            condition.unlock()
        }
        switch routes[path] ?? .status(404) {
        case .status(let code): respond(connection, code, method: method)
        case .redirect(let location): respond(connection, 301, method: method, headers: "Location: \(location)\r\n")
        case .headRefused: respond(connection, method == "HEAD" ? 405 : 200, method: method)
        case .silent:
            condition.lock()
            while !stopped { condition.wait() }
            condition.unlock()
        case .hold(let count):
            let deadline = Date().addingTimeInterval(3)
            condition.lock()
            while !stopped && maxInFlight < count && condition.wait(until: deadline) {}
            condition.unlock()
            respond(connection, 200, method: method)
        }
    }

    private func respond(_ connection: Int32, _ code: Int, method: String, headers: String = "") {
        let body = method == "HEAD" ? "" : "ok"
        let text = "HTTP/1.1 \(code) \(HTTPReason.of(code))\r\n\(headers)Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return }
            sent += count
        }
    }
}

enum HTTPReason {
    static func of(_ code: Int) -> String {
        switch code {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        default: "Status"
        }
    }
}
