import CBrotli
import CZlib
import Foundation

/// `.gz` and `.br` siblings for every HTML, CSS, JS, SVG, XML and JSON file above 1 KB, for servers that send
/// precompressed files (Netlify, Cloudflare, nginx `gzip_static`/`brotli_static`, `signals serve`).
///
/// Both are byte-identical from build to build: the gzip header carries no time and no name, and both
/// encoders are run with fixed settings. A sibling is taken from the previous output, unread, when its file
/// is reused (an unchanged page) or has the same bytes as before.
enum Precompress {
    /// Extensions that get siblings.
    static let extensions: Set<String> = ["html", "css", "js", "svg", "xml", "json"]
    /// Files of this size or smaller are left alone (compression gains little, and costs a request header).
    static let minimumSize = 1024
    /// Brotli quality (0–11): 11 is the densest and many times slower; 9 keeps clean builds quick.
    static let brotliQuality: Int32 = 9
    /// Files above this size (data downloads: a large prices.json) are compressed at `largeBrotliQuality` and
    /// `largeGzipLevel`: at quality 9, a 33 MB JSON copy of 100,000 price rows cost more than the rest of the build.
    static let largeSize = 1 << 20
    static let largeBrotliQuality: Int32 = 5
    static let largeGzipLevel: Int32 = 6
    /// Above this size (tens of MB: a JSON copy of 100,000 price rows) the fastest settings, Brotli 1 and gzip 1.
    static let hugeSize = 8 << 20

    /// What to add to a build's output.
    struct Siblings {
        /// New `.gz` / `.br` files.
        var files: [OutputFile] = []
        /// Siblings kept from the previous output (hard-linked by the writer).
        var reused: [String] = []
    }

    static func wants(_ path: String) -> Bool {
        extensions.contains((path as NSString).pathExtension.lowercased())
    }

    /// The siblings of `files`, of the static `copies` and of the `reused` outputs, given the previous `output` folder.
    static func siblings(files: [OutputFile], copies: [(String, URL)], reused: [String], previous output: URL) -> Siblings {
        var result = Siblings()
        let fileManager = FileManager.default
        for path in reused where wants(path) {
            for suffix in [".gz", ".br"] where fileManager.fileExists(atPath: output.appendingPathComponent(path + suffix).path) {
                result.reused.append(path + suffix)
            }
        }
        enum Job: Sendable {
            case data(String, Data)
            case copy(String, URL)
        }
        let jobs: [Job] = files.filter { wants($0.path) && $0.contents.count > minimumSize }.map { .data($0.path, $0.contents) }
            + copies.filter { wants($0.0) }.map { .copy($0.0, $0.1) }
        let outcomes = Parallel.map(jobs) { job -> ([OutputFile], [String]) in
            let path: String
            let data: Data
            switch job {
            case .data(let name, let contents): (path, data) = (name, contents)
            case .copy(let name, let source):
                guard let contents = FileManager.default.contents(atPath: source.path) else { return ([], []) }
                (path, data) = (name, contents)
            }
            guard data.count > minimumSize else { return ([], []) }
            let old = output.appendingPathComponent(path).path
            if FileManager.default.contents(atPath: old) == data,
               FileManager.default.fileExists(atPath: old + ".gz"), FileManager.default.fileExists(atPath: old + ".br") {
                return ([], [path + ".gz", path + ".br"])
            }
            var made: [OutputFile] = []
            if let gz = gzip(data) { made.append(OutputFile(path: path + ".gz", contents: gz)) }
            if let br = brotli(data) { made.append(OutputFile(path: path + ".br", contents: br)) }
            return (made, [])
        }
        for (made, kept) in outcomes {
            result.files += made
            result.reused += kept
        }
        return result
    }

    /// gzip (RFC 1952) at level 9 (`largeGzipLevel` above `largeSize`); the header zlib writes has no time stamp and no file name.
    static func gzip(_ data: Data) -> Data? {
        var stream = z_stream()
        let level: Int32 = data.count > hugeSize ? 1 : data.count > largeSize ? largeGzipLevel : 9
        // windowBits 15 + 16 asks zlib for a gzip wrapper; its header has mtime 0 and no name.
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return nil
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(data.count))) + 32
        var output = Data(count: bound)
        let status: Int32 = data.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Int32 in
            output.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) -> Int32 in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(data.count)
                stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(bound)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        output.count = Int(stream.total_out)
        return output
    }

    /// Brotli (RFC 7932) in text mode at ``brotliQuality`` (``largeBrotliQuality`` above ``largeSize``).
    static func brotli(_ data: Data) -> Data? {
        var size = BrotliEncoderMaxCompressedSize(data.count)
        guard size > 0 else { return nil }
        var output = Data(count: size)
        let ok: Int32 = data.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Int32 in
            output.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) -> Int32 in
                BrotliEncoderCompress(data.count > hugeSize ? 1 : data.count > largeSize ? largeBrotliQuality : brotliQuality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.count,
                                      input.bindMemory(to: UInt8.self).baseAddress, &size,
                                      out.bindMemory(to: UInt8.self).baseAddress)
            }
        }
        guard ok == BROTLI_TRUE else { return nil }
        output.count = size
        return output
    }
}
