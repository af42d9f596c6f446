import Diagnostics
import Foundation

/// A small binary format for the build cache: JSON took most of an incremental rebuild on a large site.
/// Integers are 8 bytes little-endian, strings a length and their UTF-8 bytes, lists a count then items. The first
/// integer is `BuildCache.version`: a cache of another version is ignored and the site built in full.
///
/// Why not `Codable` (BuildCache is `Codable` all the same): measured on the cache of the 10,000-page bench site
/// (30 MB, a debug build of Signals against the toolchain's release-built Foundation, best of 3), this format
/// decodes in 1.06 s and encodes in 1.10 s; `JSONDecoder`/`JSONEncoder` take 2.53 s / 1.98 s, and binary
/// `PropertyListDecoder`/`PropertyListEncoder` 4.18 s / 3.40 s. On the real site's cache (14 pages, 131 KB) all
/// three take 2–7 ms.
struct CacheWriter {
    private(set) var bytes: [UInt8] = []

    mutating func int(_ value: Int) { withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func uint(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }
    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }
    mutating func optional(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }
    mutating func optional(_ value: Int?) {
        bool(value != nil)
        if let value { int(value) }
    }
    mutating func strings(_ values: [String]) {
        int(values.count)
        for value in values { string(value) }
    }
    mutating func location(_ value: SourceLocation) {
        string(value.file)
        int(value.line)
        int(value.column)
    }
}

/// Reads what `CacheWriter` wrote; any inconsistency throws (the cache is then ignored and the site rebuilt).
struct CacheReader {
    struct Corrupt: Error {}
    private let bytes: [UInt8]
    private var offset = 0

    init(_ data: Data) { bytes = Array(data) }

    var atEnd: Bool { offset >= bytes.count }

    mutating func int() throws -> Int { Int(Int64(bitPattern: try uint())) }
    mutating func uint() throws -> UInt64 {
        guard offset + 8 <= bytes.count else { throw Corrupt() }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += 8
        return value
    }
    mutating func bool() throws -> Bool {
        guard offset < bytes.count else { throw Corrupt() }
        offset += 1
        return bytes[offset - 1] != 0
    }
    mutating func string() throws -> String {
        let count = try int()
        guard count >= 0, offset + count <= bytes.count else { throw Corrupt() }
        defer { offset += count }
        return String(decoding: bytes[offset..<(offset + count)], as: UTF8.self)
    }
    mutating func optionalString() throws -> String? { try bool() ? try string() : nil }
    mutating func optionalInt() throws -> Int? { try bool() ? try int() : nil }
    mutating func strings() throws -> [String] {
        let count = try int()
        guard count >= 0, count <= bytes.count else { throw Corrupt() }
        return try (0..<count).map { _ in try string() }
    }
    mutating func location() throws -> SourceLocation {
        SourceLocation(file: try string(), line: try int(), column: try int())
    }
}

extension BuildCache {
    func encoded() -> Data {
        var writer = CacheWriter()
        writer.int(Self.version)
        writer.string(output)
        for value in [inputsStamp, structureHash, templatesHash, summaryHash] { writer.uint(value) }
        writer.int(pageCount)
        writer.int(pages.count)
        for (path, record) in pages.sorted(by: { $0.key < $1.key }) {
            writer.string(path)
            record.write(to: &writer)
        }
        return Data(writer.bytes)
    }

    static func decode(_ data: Data) throws -> BuildCache {
        var reader = CacheReader(data)
        guard try reader.int() == version else { throw CacheReader.Corrupt() }
        let output = try reader.string()
        let inputs = try reader.uint(), structure = try reader.uint(), templates = try reader.uint(), summary = try reader.uint()
        let pageCount = try reader.int()
        let count = try reader.int()
        var pages: [String: PageRecord] = [:]
        pages.reserveCapacity(max(0, count))
        for _ in 0..<max(0, count) {
            let path = try reader.string()
            pages[path] = try PageRecord.read(from: &reader)
        }
        return BuildCache(output: output, inputsStamp: inputs, structureHash: structure, templatesHash: templates,
                          summaryHash: summary, pages: pages, siteFiles: [:], pageCount: pageCount)
    }
}

extension BuildCache.PageRecord {
    func write(to writer: inout CacheWriter) {
        let matter = page.frontMatter
        for text in [page.contentPath, page.file, page.url, page.folder] { writer.string(text) }
        writer.bool(page.isSection)
        writer.int(Int(page.stamp.size))
        writer.int(Int(page.stamp.modified))
        writer.int(page.bodyLineOffset)
        writer.string(matter.title)
        writer.optional(matter.summary)
        writer.optional(matter.kind)
        writer.strings(matter.tags)
        writer.optional(matter.weight)
        writer.int(matter.related.count)
        for reference in matter.related {
            writer.string(reference.path)
            writer.location(reference.location)
        }
        writer.bool(matter.draft)
        writer.optional(matter.date)
        writer.optional(matter.updated)
        writer.optional(matter.layout)
        writer.bool(matter.layoutLocation != nil)
        if let location = matter.layoutLocation { writer.location(location) }
        writer.int(dependencies.count)
        for (key, value) in dependencies.sorted(by: { $0.key < $1.key }) {
            writer.string(key)
            writer.uint(value)
        }
        writer.int(headings.count)
        for heading in headings {
            writer.int(heading.level)
            writer.string(heading.id)
            writer.string(heading.title)
            writer.int(heading.line)
        }
        writer.strings(anchors)
        writer.int(wordCount)
        writer.int(anchorChecks.count)
        for check in anchorChecks {
            writer.string(check.target)
            writer.string(check.fragment)
            writer.location(check.location)
        }
        writer.int(warnings.count)
        for warning in warnings {
            writer.location(warning.location)
            writer.bool(warning.severity == .error)
            writer.string(warning.message)
            writer.optional(warning.hint)
        }
        writer.optional(pricesAsOf)
        writer.int(figures.count)
        for (key, value) in figures.sorted(by: { $0.key < $1.key }) {
            writer.string(key)
            writer.string(value)
        }
        writer.strings(files)
        writer.strings(searchSections)
    }

    static func read(from reader: inout CacheReader) throws -> BuildCache.PageRecord {
        let contentPath = try reader.string(), file = try reader.string(), url = try reader.string(), folder = try reader.string()
        let isSection = try reader.bool()
        let stamp = FileStamp(size: Int64(try reader.int()), modified: Int64(try reader.int()))
        let bodyLineOffset = try reader.int()
        var matter = FrontMatter()
        matter.title = try reader.string()
        matter.summary = try reader.optionalString()
        matter.kind = try reader.optionalString()
        matter.tags = try reader.strings()
        matter.weight = try reader.optionalInt()
        matter.related = try (0..<max(0, try reader.int())).map { _ in PathReference(path: try reader.string(), location: try reader.location()) }
        matter.draft = try reader.bool()
        matter.date = try reader.optionalString()
        matter.updated = try reader.optionalString()
        matter.layout = try reader.optionalString()
        matter.layoutLocation = try reader.bool() ? try reader.location() : nil
        let page = Page(contentPath: contentPath, file: file, url: url, folder: folder, isSection: isSection, frontMatter: matter,
                        body: nil, stamp: stamp, bodyLineOffset: bodyLineOffset)
        var dependencies: [String: UInt64] = [:]
        for _ in 0..<max(0, try reader.int()) { dependencies[try reader.string()] = try reader.uint() }
        let headings = try (0..<max(0, try reader.int())).map { _ in
            BuildCache.CachedHeading(level: try reader.int(), id: try reader.string(), title: try reader.string(), line: try reader.int())
        }
        let anchors = try reader.strings()
        let wordCount = try reader.int()
        let checks = try (0..<max(0, try reader.int())).map { _ in
            BuildCache.CachedAnchorCheck(target: try reader.string(), fragment: try reader.string(), location: try reader.location())
        }
        let warnings = try (0..<max(0, try reader.int())).map { _ in
            let location = try reader.location()
            let severity: Diagnostic.Severity = try reader.bool() ? .error : .warning
            return Diagnostic(severity, at: location, try reader.string(), hint: try reader.optionalString())
        }
        let pricesAsOf = try reader.optionalString()
        var figures: [String: String] = [:]
        for _ in 0..<max(0, try reader.int()) { figures[try reader.string()] = try reader.string() }
        let files = try reader.strings()
        let searchSections = try reader.strings()
        return BuildCache.PageRecord(page: page, dependencies: dependencies, headings: headings, anchors: anchors, wordCount: wordCount,
                                     anchorChecks: checks, warnings: warnings, pricesAsOf: pricesAsOf, figures: figures, files: files,
                                     searchSections: searchSections)
    }
}
