import Foundation
@testable import SignalsCLI
import Site
import Testing

/// `signals prices add`: the row is checked as a build checks it, written in the file's own way, and the next
/// build's change report is printed; when anything is wrong nothing is written.
@Suite("signals prices add")
struct PricesAddTests {
    static let frozenData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/real-data-2026-11")
    /// 2026-11-26 12:00 UTC, the frozen data's build date.
    static let today = Date(timeIntervalSince1970: 1_795_694_400)

    /// A one-page site on the frozen data, built once so the next build has something to compare with.
    func site(crlf: Bool = false) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("signals-prices-\(UUID().uuidString)")
        let files = [
            "content/_index.md": "---\ntitle: Home\n---\nHome.\n",
            "content/learn/figures.md": "---\ntitle: Figures\n---\nMedian H100 `{price gpu=h100-sxm type=on-demand stat=median}`.\n",
            "templates/home.mustache": "<title>{{page.title}}</title>{{{page.content}}}\n",
            "templates/section.mustache": "<title>{{page.title}}</title>{{{page.content}}}\n",
            "templates/lesson.mustache": "<title>{{page.title}}</title>{{{page.content}}}\n",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content/data"), withIntermediateDirectories: true)
        for name in ["accelerators.yaml", "prices.csv", "assumptions.yaml", "cpus.yaml", "facts.yaml"] {
            var data = try Data(contentsOf: Self.frozenData.appendingPathComponent(name))
            if crlf && name == "prices.csv" { data = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8) }
            try data.write(to: root.appendingPathComponent("content/data/\(name)"))
        }
        try SiteBuilder.build(BuildOptions(root: root, today: Self.today, useCache: true))
        return root
    }

    func add(_ arguments: [String], in root: URL) throws -> String {
        try PricesAdd.parse(arguments + ["--root", root.path, "--as-of", "2026-11-26"]).perform()
    }

    func prices(_ root: URL) throws -> Data { try Data(contentsOf: root.appendingPathComponent("content/data/prices.csv")) }

    static let aws = ["--gpu", "h100-sxm", "--provider", "AWS", "--offer", "p5.48xlarge", "--gpus", "8", "--instance-price", "19.92",
                      "--type", "on-demand", "--source", "https://aws.amazon.com/ec2/pricing/on-demand/", "--date", "2026-11-20"]

    @Test func aRowIsAppendedAndTheNextBuildsReportPrinted() throws {
        let root = try site()
        let output = try add(Self.aws, in: root)
        #expect(output == """
            added to content/data/prices.csv:82: 2026-11-20,AWS,p5.48xlarge,h100-sxm,8,19.92,on-demand,,https://aws.amazon.com/ec2/pricing/on-demand/,R-AWS,S,
            the next build will show:
            rendered again: _index.md, learn/figures.md
              moved: learn/figures: {price gpu=h100-sxm type=on-demand stat=median} $6.52/GPU-hour → $5.07/GPU-hour (because: AWS, 2026-11-20, $2.49/GPU-hour)

            """)
        let text = String(decoding: try prices(root), as: UTF8.self)
        #expect(text.hasSuffix("\n2026-11-20,AWS,p5.48xlarge,h100-sxm,8,19.92,on-demand,,https://aws.amazon.com/ec2/pricing/on-demand/,R-AWS,S,\n"))
        // The build then shows exactly that report.
        let result = try SiteBuilder.build(BuildOptions(root: root, today: Self.today, useCache: true))
        #expect(result.report.lines == output.split(separator: "\n").dropFirst(2).map(String.init))
    }

    @Test func anUnknownGPUOrProviderIsAnErrorWithTheClosestNameAndNothingIsWritten() throws {
        let root = try site()
        let before = try prices(root)
        var arguments = Self.aws
        arguments[1] = "h100-sx"
        #expect { try add(arguments, in: root) } throws: { error in
            let text = "\(error)"
            return text.contains("content/data/prices.csv:82:") && text.contains("unknown accelerator id 'h100-sx'")
                && text.contains("did you mean 'h100-sxm'?") && text.hasSuffix("nothing was written")
        }
        arguments = Self.aws
        arguments[3] = "Lamda"
        #expect { try add(arguments, in: root) } throws: { error in
            "\(error)".hasPrefix("error: unknown provider 'Lamda'\n  hint: did you mean 'Lambda'? pass --new-provider")
        }
        #expect(try prices(root) == before)
        _ = try add(arguments + ["--new-provider"], in: root)
        #expect(try prices(root) != before)
    }

    @Test func aDuplicateObservationIsAnError() throws {
        let root = try site()
        let before = try prices(root)
        var arguments = Self.aws
        arguments[arguments.count - 1] = "2026-11-09"
        #expect { try add(arguments, in: root) } throws: { error in
            "\(error)".contains("error: duplicate observation: line ") && "\(error)".hasSuffix("nothing was written")
        }
        #expect(try prices(root) == before)
    }

    @Test func theFilesLineEndingsAndQuotingAreKept() throws {
        let root = try site(crlf: true)
        var arguments = Self.aws
        arguments[5] = "8x H100, \"SXM\""
        let output = try add(arguments + ["--note", "list price"], in: root)
        #expect(output.hasPrefix("added to content/data/prices.csv:82: "))
        let text = String(decoding: try prices(root), as: UTF8.self)
        #expect(text.hasSuffix("\r\n2026-11-20,AWS,\"8x H100, \"\"SXM\"\"\",h100-sxm,8,19.92,on-demand,,https://aws.amazon.com/ec2/pricing/on-demand/,R-AWS,S,list price\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }
}
