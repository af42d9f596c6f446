#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks, before the server starts, that a port can be bound, so a busy port gives a clear
/// ``PreviewError/portInUse(host:port:)`` instead of a socket error from deep inside NIO.
enum PortCheck {
    /// Throws `portInUse` when binding `host:port` fails with EADDRINUSE. Hosts that are not IP
    /// literals are left to the server, whose own error is mapped the same way.
    static func ensureAvailable(host: String, port: Int) throws {
        guard port > 0, port <= 65535 else { return }
        var ipv4 = in_addr()
        var ipv6 = in6_addr()
        let family: Int32
        if inet_pton(AF_INET, host, &ipv4) == 1 {
            family = AF_INET
        } else if inet_pton(AF_INET6, host, &ipv6) == 1 {
            family = AF_INET6
        } else {
            return
        }
        #if canImport(Glibc)
        let fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(family, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return }
        defer { close(fd) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let result: Int32
        if family == AF_INET {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr = ipv4
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        } else {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port).bigEndian)
            address.sin6_addr = ipv6
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
        if result != 0, errno == EADDRINUSE {
            throw PreviewError.portInUse(host: host, port: port)
        }
    }

    /// Whether an error thrown by the server means the address is taken.
    static func isAddressInUse(_ error: any Error) -> Bool {
        let text = String(describing: error)
        return text.contains("Address already in use") || text.contains("errno: \(EADDRINUSE))")
    }
}

extension PreviewServer {
    /// Throws ``PreviewError/portInUse(host:port:)`` when `host:port` is taken, so a caller can report a busy
    /// port before doing any build work. Port `0` (any free port) always passes.
    public static func ensurePortAvailable(host: String, port: Int) throws(PreviewError) {
        do {
            try PortCheck.ensureAvailable(host: host, port: port)
        } catch let error as PreviewError {
            throw error
        } catch {
            return
        }
    }
}
