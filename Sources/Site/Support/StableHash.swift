import Foundation

/// FNV-1a, 64-bit: a hash that is the same in every process (Swift's `Hasher` is seeded per process),
/// for cache keys that outlive a build.
struct StableHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init() {}

    mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        value ^= 0xFF
        value = value &* 0x0000_0100_0000_01B3
    }

    mutating func add(_ text: String) { add(text.utf8) }

    /// Adds a number's eight bytes (little-endian), as one field.
    mutating func add(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { add($0) }
    }

    mutating func add(_ number: Int) { add(UInt64(bitPattern: Int64(number))) }


    static func of(_ text: String) -> UInt64 {
        var hash = StableHash()
        hash.add(text)
        return hash.value
    }

    static func of(_ data: Data) -> UInt64 {
        var hash = StableHash()
        data.withUnsafeBytes { hash.add($0) }
        return hash.value
    }
}
