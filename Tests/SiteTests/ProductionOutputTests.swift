import CBrotli
import CZlib
import Foundation
import Testing
@testable import Site

/// Fingerprinted CSS and JS, the `_headers` file, and the `.gz` / `.br` siblings of `signals build`.
@Suite("Production output: fingerprinted CSS and JS, _headers, .gz and .br") struct ProductionOutputTests {
    static let css = "body { color: black; }\n" + String(repeating: ".rule { margin: 0 auto; padding: 1rem; }\n", count: 60)
    static let site = """
    -- content/_index.md --
    ---
    title: Home
    ---
    \(String(repeating: "A paragraph about GPU-hours and what they cost. ", count: 40))
    -- content/learn/_index.md --
    ---
    title: Learn
    ---
    Short.
    -- templates/base.mustache --
    <!doctype html><link rel="stylesheet" href="{{#asset}}css/site.css{{/asset}}"><script src="{{#asset}}js/search.js{{/asset}}"></script>
    <main>{{$main}}{{/main}}</main>
    -- templates/home.mustache --
    {{<base}}{{$main}}<h1>{{page.title}}</h1>{{{page.content}}}{{/main}}{{/base}}
    -- templates/static/css/site.css --
    \(css)
    -- templates/static/js/search.js --
    console.log("search");
    -- templates/static/_headers --
    /*
      X-Frame-Options: DENY
    """

    @Test func assetsCarryAContentHashAndTemplatesLinkThem() throws {
        let site = try TestSite(Self.site)
        try site.build()
        let cssName = AssetFingerprints.hashedName("css/site.css", contents: Data((Self.css + "\n").utf8))
        #expect(cssName.wholeMatch(of: /css\/site\.[0-9a-f]{8}\.css/) != nil)
        #expect(site.output(cssName) == Self.css + "\n")
        let home = try #require(site.output("index.html"))
        #expect(home.contains("<link rel=\"stylesheet\" href=\"/\(cssName)\">"))
        let jsName = try #require(home.firstMatch(of: /src="\/(js\/search\.[0-9a-f]{8}\.js)"/)).1
        #expect(site.output(String(jsName)) == "console.log(\"search\");\n")
        // The plain names stay for templates that do not use the helper.
        #expect(site.output("css/site.css") == Self.css + "\n")

        let headers = try #require(site.output("_headers"))
        #expect(headers.hasPrefix("/*\n  X-Frame-Options: DENY\n"))
        #expect(headers.contains("/\(cssName)\n  Cache-Control: public, max-age=31536000, immutable\n"))
        #expect(headers.contains("/\(jsName)\n  Cache-Control: public, max-age=31536000, immutable\n"))
        #expect(!headers.contains("/css/site.css\n"))

        // A changed stylesheet gets a new name, and the pages link the new one.
        try site.write("-- templates/static/css/site.css --\nbody { color: navy; }\n")
        try site.buildIncrementally()
        let newCSS = try site.read("templates/static/css/site.css")
        #expect(newCSS.hasPrefix("body { color: navy; }"))
        let newName = AssetFingerprints.hashedName("css/site.css", contents: Data(newCSS.utf8))
        #expect(newName != cssName)
        #expect(site.output("index.html")?.contains("href=\"/\(newName)\"") == true, "\(site.output("index.html") ?? "")")
        #expect(!site.exists(cssName))
    }

    @Test func filesAbove1KBGetGzipAndBrotliSiblingsThatDecodeToTheFile() throws {
        let site = try TestSite(Self.site)
        try site.build()
        let home = try #require(site.root.appendingPathComponent("public/index.html").contents)
        #expect(home.count > 1024)
        #expect(Self.gunzip(try #require(site.root.appendingPathComponent("public/index.html.gz").contents)) == home)
        #expect(Self.unbrotli(try #require(site.root.appendingPathComponent("public/index.html.br").contents)) == home)
        #expect(site.exists("css/site.css.gz") && site.exists("css/site.css.br"))
        // Small files and other types get none.
        #expect(!site.exists("learn/index.html.gz"))
        #expect(!site.exists("_headers.gz"))
    }

    @Test func outputWithSiblingsIsByteIdenticalFromBuildToBuild() throws {
        let site = try TestSite(Self.site)
        try site.build()
        let first = site.snapshot()
        #expect(first.keys.contains("index.html.br"))
        try site.remove("public")
        try site.build()
        #expect(site.snapshot() == first)
        // Incremental builds reuse the siblings and give the same bytes.
        try site.buildIncrementally()
        try site.buildIncrementally()
        #expect(site.snapshot() == first)
    }

    static func gunzip(_ data: Data) -> Data? {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output = Data(count: data.count * 20 + 1024)
        let capacity = output.count
        let status: Int32 = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(data.count)
                stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(capacity)
                return inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        output.count = Int(stream.total_out)
        return output
    }

    static func unbrotli(_ data: Data) -> Data? {
        var size = data.count * 20 + 1024
        var output = Data(count: size)
        let result = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                BrotliDecoderDecompress(data.count, input.bindMemory(to: UInt8.self).baseAddress, &size, out.bindMemory(to: UInt8.self).baseAddress)
            }
        }
        guard result == BROTLI_DECODER_RESULT_SUCCESS else { return nil }
        output.count = size
        return output
    }
}

private extension URL {
    var contents: Data? { FileManager.default.contents(atPath: path) }
}
