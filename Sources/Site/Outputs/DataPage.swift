import ComputeModel
import Foundation
import YAMLSupport

/// `/data/`: the page describing every published data file (what it holds, its columns with units, row count,
/// first and last date, downloads) and every source code the files cite, rendered through `templates/data.mustache`.
/// Figures link here (`#source-r-stas`, `#prices-csv`), so each file and each source code has an `id`.
/// Also writes a JSON copy of every data file (`data/prices.json`, …) beside the originals.
enum DataPage {
    static let template = "data"
    static let url = "/data/"

    /// One column (or field) of a data file.
    struct Column {
        var name: String
        var unit: String
        var meaning: String
    }

    /// What the page says about one file, besides what is counted from the data.
    struct FileDescription {
        var name: String
        var title: String
        var holds: String
        var rowNoun: String
        var columns: [Column]
    }

    /// The files the compute model reads, in the order the page lists them.
    static let descriptions: [FileDescription] = [
        FileDescription(name: ComputeData.pricesFile, title: "Prices", holds: "Dated price observations: one row per provider, offer, pricing type and day a price was read. The price tables, medians and charts are computed from these rows.", rowNoun: "observations", columns: [
            Column(name: "date", unit: "YYYY-MM-DD", meaning: "the day the price was observed or published"),
            Column(name: "provider", unit: "text", meaning: "the cloud or marketplace selling the offer"),
            Column(name: "offer", unit: "text", meaning: "the instance or product name"),
            Column(name: "gpu", unit: "accelerator id", meaning: "an id of accelerators.yaml"),
            Column(name: "gpus", unit: "count", meaning: "GPUs in one instance"),
            Column(name: "usd_per_hour", unit: "US$ per instance-hour", meaning: "the price of the whole instance; $ per GPU-hour is this ÷ gpus"),
            Column(name: "type", unit: "pricing type", meaning: "on-demand, spot, reserved-1y, reserved-3y, marketplace or contract"),
            Column(name: "region", unit: "text", meaning: "where the price applies, when the source says"),
            Column(name: "source_url", unit: "URL", meaning: "where the price can be checked"),
            Column(name: "source", unit: "source code", meaning: "a code of the sources list below"),
            Column(name: "confidence", unit: "P, S or S-", meaning: "primary, secondary or weak secondary source"),
            Column(name: "note", unit: "text", meaning: "caveats: approximate days, derived per-GPU prices"),
        ]),
        FileDescription(name: ComputeData.acceleratorsFile, title: "Accelerator specifications", holds: "One entry per accelerator (GPU): memory, bandwidth, interconnect, power and peak throughput, each figure with its source and the day it was read.", rowNoun: "accelerators", columns: [
            Column(name: "id, aliases, name, vendor", unit: "text", meaning: "how pages and prices name the accelerator"),
            Column(name: "architecture, process, launched", unit: "text", meaning: "chip generation, manufacturing process, launch date"),
            Column(name: "memory-gb", unit: "GB", meaning: "memory on the package"),
            Column(name: "memory-type", unit: "text", meaning: "for example HBM3e"),
            Column(name: "bandwidth-tbs", unit: "TB/s", meaning: "memory bandwidth"),
            Column(name: "interconnect, interconnect-gbs", unit: "text; GB/s per GPU", meaning: "GPU-to-GPU link and its bandwidth (bidirectional unless noted)"),
            Column(name: "power-w", unit: "W", meaning: "board power (TDP)"),
            Column(name: "dense.<precision>", unit: "TFLOPS", meaning: "peak throughput without 2:4 sparsity (fp64, tf32, bf16, fp8, fp4, …)"),
            Column(name: "sparse.<precision>", unit: "TFLOPS", meaning: "datasheet figures with 2:4 sparsity, kept for reference; no calculation uses them"),
            Column(name: "sms, fp32-cores, tensor-cores", unit: "count", meaning: "where a source gives them"),
            Column(name: "source, read, confidence, note", unit: "source code; YYYY-MM-DD; tag; text", meaning: "provenance of every figure in the entry, unless a figure gives its own"),
        ]),
        FileDescription(name: ComputeData.assumptionsFile, title: "Assumptions", holds: "The defaults behind the calculations (utilization, power overhead, electricity price, purchase prices), each sourced and dated; a page may override one for its example.", rowNoun: "assumptions", columns: [
            Column(name: "name", unit: "key", meaning: "how directives name the assumption"),
            Column(name: "value", unit: "number", meaning: "in the unit of the entry"),
            Column(name: "unit", unit: "text", meaning: "fraction, ×, US$, …"),
            Column(name: "label", unit: "text", meaning: "what the value is"),
            Column(name: "source, date, confidence, note", unit: "source code; YYYY-MM-DD; tag; text", meaning: "provenance"),
        ]),
        FileDescription(name: ComputeData.cpusFile, title: "Server CPUs", holds: "Published figures of server CPUs that lessons set against GPUs; the model derives their peak throughput and bandwidth with the formula shown.", rowNoun: "CPUs", columns: [
            Column(name: "id, aliases, name, vendor, architecture, launched", unit: "text", meaning: "how pages name the CPU"),
            Column(name: "cores", unit: "count", meaning: "cores per socket"),
            Column(name: "base-clock-ghz", unit: "GHz", meaning: "base clock"),
            Column(name: "bf16-flops-per-cycle", unit: "FLOP per cycle per core", meaning: "BF16 operations per cycle"),
            Column(name: "memory-channels, memory-mts", unit: "count; MT/s", meaning: "memory channels and their transfer rate"),
            Column(name: "memory-type", unit: "text", meaning: "for example DDR5-4800"),
            Column(name: "power-w", unit: "W", meaning: "TDP"),
            Column(name: "source, read, confidence, note", unit: "source code; YYYY-MM-DD; tag; text", meaning: "provenance"),
        ]),
        FileDescription(name: ComputeData.factsFile, title: "Market facts", holds: "Sourced, dated market figures the lessons quote: revenues, market shares, cluster sizes, energy use.", rowNoun: "facts", columns: [
            Column(name: "name", unit: "key", meaning: "how pages name the fact"),
            Column(name: "value", unit: "number", meaning: "in the unit of the entry"),
            Column(name: "unit", unit: "text", meaning: "fraction (shown as %), USD, GPUs, GPU-hours"),
            Column(name: "label", unit: "text", meaning: "what the value is"),
            Column(name: "source, date, confidence, note", unit: "source code; YYYY-MM-DD; tag; text", meaning: "provenance"),
        ]),
    ]

    /// The page and the JSON copies, or nothing when the site has no data (or a page of its own at `/data/`,
    /// or no `templates/data.mustache`).
    static func make(data: SiteData, index: SiteIndex, templates: TemplateSet, contexts: PageContextBuilder, links: LinkResolver) -> [OutputFile] {
        guard let model = (data.directives as? ComputeDirectives)?.data, !data.files.isEmpty,
              templates.names.contains(template), !index.pages.contains(where: { $0.url == url }) else { return [] }
        let sources = sourceList(model: model, files: data.files)
        var outputs: [OutputFile] = []
        var files: [TemplateObject] = []
        for description in descriptions {
            guard let published = data.files.first(where: { $0.0 == "data/\(description.name)" }) else { continue }
            let base = (description.name as NSString).deletingPathExtension
            let json = jsonCopy(of: description.name, model: model, source: published.1)
            if let json { outputs.append(OutputFile(path: "data/\(base).json", contents: json)) }
            let (count, dates) = counts(of: description.name, model: model)
            let cited = sources.filter { $0.files.contains(description.name) }.map(\.code)
            var downloads = [TemplateObject(["label": description.name.hasSuffix(".csv") ? "CSV" : "YAML", "url": links.href(forURL: "/data/\(description.name)")])]
            if json != nil { downloads.append(TemplateObject(["label": "JSON", "url": links.href(forURL: "/data/\(base).json")])) }
            files.append(TemplateObject([
                "id": anchor(file: description.name), "name": description.name, "title": description.title, "holds": description.holds,
                "rowCount": count, "rowNoun": description.rowNoun, "first": dates.first ?? "", "last": dates.last ?? "",
                "hasDates": !dates.isEmpty,
                "columns": description.columns.map { TemplateObject(["name": $0.name, "unit": $0.unit, "meaning": $0.meaning]) },
                "downloads": downloads,
                "sources": cited.map { TemplateObject(["code": $0, "id": anchor(source: $0)]) },
            ]))
        }
        let page = Page(contentPath: "data/_index.md", file: "", url: url, folder: "data", isSection: false,
                        frontMatter: FrontMatter(), body: "", stamp: .missing, bodyLineOffset: 0)
        var values = contexts.common(current: page)
        values["page"] = TemplateObject(["title": "The data", "url": links.href(forURL: url), "isLesson": false,
                                         "summary": "Every file the figures on this site are computed from: what it holds, its columns and units, its sources, and downloads."])
        values["data"] = TemplateObject([
            "files": files,
            "sources": sources.map { source in
                TemplateObject(["code": source.code, "id": anchor(source: source.code), "title": source.title ?? "", "hasTitle": source.title != nil,
                                "urls": source.urls.map { TemplateObject(["url": $0]) }, "files": source.files.joined(separator: ", ")])
            },
        ])
        outputs.append(OutputFile(path: "data/index.html", text: templates.render(TemplateObject(values), template: template) ?? ""))
        return outputs
    }

    /// `prices-csv` for `prices.csv`.
    static func anchor(file: String) -> String { file.replacingOccurrences(of: ".", with: "-") }

    /// `source-r-silybench` for `R-SILYBENCH`: where a source code's entry is on the page.
    static func anchor(source code: String) -> String {
        "source-" + String(code.lowercased().unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" })
    }

    /// A source code, as the data files give it: a title (from a `sources:` mapping) and the addresses it is read at.
    struct Source {
        var code: String
        var title: String?
        var urls: [String]
        var files: [String]
    }

    /// Every source code in the data files, sorted by code: the `sources:` mappings of the YAML files, and the
    /// `source` column of prices.csv with the `source_url`s its rows give.
    static func sourceList(model: ComputeData, files: [(String, URL)]) -> [Source] {
        var byCode: [String: Source] = [:]
        func add(_ code: String, title: String?, url: String?, file: String) {
            var source = byCode[code] ?? Source(code: code, title: nil, urls: [], files: [])
            if source.title == nil, let title { source.title = title }
            if let url, !url.isEmpty, !source.urls.contains(url) { source.urls.append(url) }
            if !source.files.contains(file) { source.files.append(file) }
            byCode[code] = source
        }
        for (path, location) in files where path.hasSuffix(".yaml") {
            let name = String(path.dropFirst("data/".count))
            guard let text = try? String(contentsOf: location, encoding: .utf8),
                  let root = try? YAMLText.compose(text, file: ""), let sources = root["sources"]?.mapping else { continue }
            for (key, value) in sources {
                guard let code = key.string else { continue }
                add(code, title: value["title"]?.string, url: value["url"]?.string, file: name)
            }
        }
        for row in model.prices {
            add(row.source, title: nil, url: row.sourceURL.hasPrefix("http") ? row.sourceURL : nil, file: ComputeData.pricesFile)
        }
        return byCode.values.sorted { $0.code < $1.code }.map { source in
            var sorted = source
            sorted.urls.sort()
            sorted.files = descriptions.map(\.name).filter(source.files.contains)
            return sorted
        }
    }

    /// How many entries a file has, and its first and last date (observation, read or publication day), sorted.
    static func counts(of file: String, model: ComputeData) -> (Int, [String]) {
        func range(_ days: [Day]) -> [String] {
            guard let first = days.min(), let last = days.max() else { return [] }
            return [first.description, last.description]
        }
        switch file {
        case ComputeData.pricesFile:
            return (model.prices.count, range(model.prices.map(\.date)))
        case ComputeData.acceleratorsFile:
            let figures = model.accelerators.flatMap { a in
                [a.memory, a.memoryType, a.bandwidth, a.interconnect, a.interconnectBandwidth, a.power] + Array(a.dense.values)
            }
            return (model.accelerators.count, range(figures.map(\.provenance.asOf)))
        case ComputeData.assumptionsFile:
            return (model.assumptions.values.count, range(model.assumptions.values.values.map(\.figure.provenance.asOf)))
        case ComputeData.cpusFile:
            let figures = model.cpus.flatMap { [$0.cores, $0.baseClock, $0.bf16FlopsPerCycle, $0.memoryChannels, $0.memorySpeed, $0.power] }
            return (model.cpus.count, range(figures.map(\.provenance.asOf)))
        case ComputeData.factsFile:
            return (model.facts.count, range(model.facts.values.map(\.figure.provenance.asOf)))
        default:
            return (0, [])
        }
    }

    /// A JSON copy of a data file: prices.csv as one object per row (numbers as numbers), a YAML file as its tree.
    static func jsonCopy(of file: String, model: ComputeData, source: URL) -> Data? {
        if file == ComputeData.pricesFile {
            let keys = ["date", "provider", "offer", "gpu", "gpus", "usd_per_hour", "type", "region", "source_url", "source", "confidence", "note"]
            let rows = model.prices
            return JSONCell.prettyPrintedRows(count: rows.count, keys: keys) { index, key in
                let row = rows[index]
                switch key {
                case 0: return .text(row.date.description)
                case 1: return .text(row.provider)
                case 2: return .text(row.offer)
                case 3: return .text(row.gpu)
                case 4: return .integer(row.gpus)
                case 5: return .number(row.usdPerInstanceHour)
                case 6: return .text(row.type.rawValue)
                case 7: return .text(row.region)
                case 8: return .text(row.sourceURL)
                case 9: return .text(row.source)
                case 10: return .text(row.confidence.rawValue)
                default: return .text(row.note)
                }
            }
        }
        guard let text = try? String(contentsOf: source, encoding: .utf8), let node = try? YAMLText.compose(text, file: "") else { return nil }
        return plain(node).prettyPrinted
    }

    /// A YAML node as JSON values: mappings, sequences, and scalars as numbers, booleans, null or strings.
    static func plain(_ node: YAMLNode) -> JSONCell {
        switch node {
        case .mapping(let mapping):
            var object: [String: JSONCell] = [:]
            for (key, value) in mapping { object[key.string ?? String(describing: key)] = plain(value) }
            return .object(object)
        case .sequence(let sequence):
            return .list(sequence.map(plain))
        case .scalar(let scalar):
            if scalar.style == .plain {
                if let int = node.int, !scalar.string.contains(".") { return .integer(int) }
                if let double = node.float, double.isFinite { return .number(double) }
                if let bool = node.bool { return .flag(bool) }
                if node.null != nil { return .null }
            }
            return .text(scalar.string)
        case .alias:
            return .null
        }
    }
}
