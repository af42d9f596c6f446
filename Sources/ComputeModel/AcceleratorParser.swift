import Diagnostics
import YAMLSupport

/// Reads `accelerators.yaml`.
///
/// ```yaml
/// sources:
///   R-STAS: {title: "…", url: https://…}
/// accelerators:
///   - id: h100-sxm
///     source: R-STAS          # default source, read date and confidence for every figure below
///     read: 2026-08-22
///     confidence: S
///     memory-gb: 80
///     dense: {fp64: 33.5, fp64-tensor: 66.9, tf32: 494.5, bf16: 989, fp8: 1979, fp4: n/a}
///     sparse: {bf16: 1979, fp8: 3958}
///     sms: {value: 132, source: R-GK-H100}   # optional, like fp32-cores and tensor-cores
/// ```
/// A figure is a number, `n/a` (the format is not supported), `not-gathered`, or a mapping
/// `{value:, source:, read:, confidence:, note:}` that overrides the entry's defaults.
public enum AcceleratorFile {
    static let keys = ["id", "aliases", "name", "vendor", "architecture", "process", "launched", "source", "read",
                       "confidence", "note", "memory-gb", "memory-type", "bandwidth-tbs", "interconnect",
                       "interconnect-gbs", "power-w", "dense", "sparse", "sms", "fp32-cores", "tensor-cores"]
    static let optionalKeys: Set<String> = ["aliases", "note", "sparse", "sms", "fp32-cores", "tensor-cores"]
    static let figureKeys = ["value", "source", "read", "confidence", "note", "sparse"]

    /// Parses the file's text; throws every problem at once.
    public static func parse(path: String, contents: String, today: Day) throws(DiagnosticList) -> [Accelerator] {
        let (accelerators, diagnostics) = read(path: path, contents: contents, today: today)
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        return accelerators
    }

    static func read(path: String, contents: String, today: Day) -> ([Accelerator], [Diagnostic]) {
        let reader = YAMLReader(path: path)
        guard let root = reader.root(of: contents),
              let top = reader.fields(root, what: "accelerators file", allowed: ["sources", "accelerators"],
                                      required: ["sources", "accelerators"]),
              let sourcesNode = top["sources"], let listNode = top["accelerators"] else {
            return ([], reader.diagnostics)
        }
        let references = reader.sourceReferences(sourcesNode)
        var accelerators: [Accelerator] = []
        var seen: [String: Int] = [:]
        for node in reader.elements(listNode, what: "accelerators") ?? [] {
            guard let accelerator = entry(node, reader: reader, references: references, today: today) else { continue }
            for name in accelerator.names {
                if let line = seen[name] {
                    reader.error(node, "duplicate accelerator id or alias '\(name)' (first used on line \(line))")
                } else {
                    seen[name] = accelerator.line
                }
            }
            accelerators.append(accelerator)
        }
        return (accelerators, reader.diagnostics)
    }

    /// The `id` of every entry in the file, whether or not the entry is valid.
    static func declaredIDs(in contents: String) -> [String] {
        guard let root = try? YAMLText.compose(contents, file: ""), let list = root["accelerators"], case .sequence(let entries) = list else { return [] }
        return entries.compactMap { $0["id"]?.string }
    }

    private static func entry(_ node: YAMLNode, reader: YAMLReader, references: [String: SourceReference], today: Day) -> Accelerator? {
        let required = keys.filter { !optionalKeys.contains($0) }
        guard let fields = reader.fields(node, what: "accelerator", allowed: keys, required: required) else { return nil }
        func text(_ key: String) -> String? { fields[key].flatMap { reader.string($0, what: key) } }
        let identity = EntryIdentity(fields, reader: reader)
        let (id, aliases, launched) = (identity.id, identity.aliases, identity.launched)
        let what = "accelerator '\(id ?? "?")'"
        // The entry's default provenance.
        var base: Provenance?
        let reference = fields["source"].flatMap { reader.reference($0, in: references, what: "source") }
        let read = fields["read"].flatMap { reader.day($0, what: "read date", today: today) }
        let confidence = fields["confidence"].flatMap { reader.confidence($0) }
        if let reference, let read, let confidence {
            base = Provenance(source: reference.id, title: reference.title, url: reference.url, asOf: read,
                              confidence: confidence, note: fields["note"].flatMap { reader.string($0, what: "note") })
        }
        guard let id, let base else { return nil }
        let parser = FigureParser(reader: reader, references: references, base: base, today: today, owner: what)
        var dense: [String: Figure] = [:]
        var sparse: [String: Figure] = [:]
        if let denseNode = fields["dense"], let denseFields = reader.fields(
            denseNode, what: "dense figures of \(what)", allowed: Precision.allCases.map(\.rawValue),
            required: Precision.allCases.map(\.rawValue)) {
            for precision in Precision.allCases {
                guard let valueNode = denseFields[precision.rawValue] else { continue }
                if let figure = parser.figure(valueNode, label: "\(precision.label) dense peak", unit: .tflops, sparseAllowed: false) {
                    dense[precision.rawValue] = figure
                }
            }
        }
        if let sparseNode = fields["sparse"], let sparseFields = reader.fields(
            sparseNode, what: "sparse figures of \(what)", allowed: Precision.allCases.map(\.rawValue), required: []) {
            for (key, value) in sparseFields.values {
                guard let precision = Precision(rawValue: key),
                      var figure = parser.figure(value.value, label: "\(precision.label) sparse peak (2:4 sparsity, vendor figure)", unit: .tflops, sparseAllowed: true)
                else { continue }
                figure.provenance.note = figure.provenance.note ?? "with 2:4 structured sparsity; not used in calculations"
                sparse[key] = figure
                if let denseValue = dense[key]?.value, let sparseValue = figure.value, denseValue >= sparseValue {
                    reader.error(denseFields(fields)?.keyNode(key) ?? value.key,
                                 "dense \(precision.label) figure \(Format.grouped(denseValue)) of \(what) is not below its sparse figure \(Format.grouped(sparseValue)): it looks like a sparse figure",
                                 hint: "vendors quote sparse throughput at 2× dense; store the dense value under 'dense:'")
                }
            }
        }
        func figure(_ key: String, _ label: String, _ unit: Unit, text isText: Bool = false) -> Figure? {
            guard let node = fields[key] else { return nil }
            return isText ? parser.text(node, label: label) : parser.figure(node, label: label, unit: unit, sparseAllowed: false)
        }
        guard let name = text("name"), let vendor = text("vendor"), let architecture = text("architecture"),
              let process = text("process"), let launched,
              let memory = figure("memory-gb", "HBM capacity", .gigabytes),
              let memoryType = figure("memory-type", "memory type", .text, text: true),
              let bandwidth = figure("bandwidth-tbs", "memory bandwidth", .terabytesPerSecond),
              let interconnect = figure("interconnect", "interconnect", .text, text: true),
              let interconnectBandwidth = figure("interconnect-gbs", "interconnect bandwidth", .gigabytesPerSecond),
              let power = figure("power-w", "maximum power", .watts),
              dense.count == Precision.allCases.count else { return nil }
        return Accelerator(id: id, aliases: aliases, name: name, vendor: vendor, architecture: architecture, process: process,
                           launched: launched, memory: memory, memoryType: memoryType, bandwidth: bandwidth,
                           interconnect: interconnect, interconnectBandwidth: interconnectBandwidth, power: power,
                           dense: dense, sparse: sparse,
                           sms: figure("sms", "streaming multiprocessors", .count),
                           fp32Cores: figure("fp32-cores", "FP32 cores", .cores),
                           tensorCores: figure("tensor-cores", "tensor cores", .cores),
                           line: node.mark?.line ?? 0)
    }

    private static func denseFields(_ fields: YAMLReader.Fields) -> YAMLReader.Fields? {
        guard let node = fields["dense"], case .mapping(let mapping) = node else { return nil }
        var dense = YAMLReader.Fields(node: node)
        for pair in mapping { if let key = pair.key.string { dense.values[key] = (pair.key, pair.value) } }
        return dense
    }
}
