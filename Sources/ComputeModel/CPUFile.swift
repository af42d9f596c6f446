import Diagnostics
import YAMLSupport

/// Reads `cpus.yaml`, the optional list of server CPUs that lessons compare GPUs against.
///
/// ```yaml
/// sources:
///   R-INTEL-ARK: {title: "…", url: https://…}
/// cpus:
///   - id: xeon-8480
///     name: Intel Xeon Platinum 8480+
///     vendor: Intel
///     architecture: Sapphire Rapids
///     launched: 2023-01-10
///     source: R-INTEL-ARK      # default source, read date and confidence for every figure below
///     read: 2026-11-26
///     confidence: S
///     cores: 56
///     base-clock-ghz: 2.0
///     bf16-flops-per-cycle: {value: 1024, source: R-INTEL-AMX}
///     memory-channels: 8
///     memory-mts: 4800
///     memory-type: DDR5-4800
///     power-w: 350
/// ```
public enum CPUFile {
    static let keys = ["id", "aliases", "name", "vendor", "architecture", "launched", "source", "read", "confidence", "note",
                       "cores", "base-clock-ghz", "bf16-flops-per-cycle", "memory-channels", "memory-mts", "memory-type", "power-w"]
    static let optionalKeys: Set<String> = ["aliases", "note"]

    /// Parses the file's text; throws every problem at once.
    public static func parse(path: String, contents: String, today: Day, accelerators: [Accelerator] = []) throws(DiagnosticList) -> [CPU] {
        let (cpus, diagnostics) = read(path: path, contents: contents, today: today, accelerators: accelerators)
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        return cpus
    }

    /// Parses the file, returning what is valid and every problem; ids may not clash with accelerator names.
    static func read(path: String, contents: String, today: Day, accelerators: [Accelerator]) -> ([CPU], [Diagnostic]) {
        let reader = YAMLReader(path: path)
        guard let root = reader.root(of: contents),
              let top = reader.fields(root, what: "CPU file", allowed: ["sources", "cpus"], required: ["sources", "cpus"]),
              let sourcesNode = top["sources"], let listNode = top["cpus"] else {
            return ([], reader.diagnostics)
        }
        let references = reader.sourceReferences(sourcesNode)
        var seen: [String: String] = [:]
        for accelerator in accelerators { for name in accelerator.names { seen[name] = "accelerator '\(accelerator.id)'" } }
        var cpus: [CPU] = []
        for node in reader.elements(listNode, what: "cpus") ?? [] {
            guard let cpu = entry(node, reader: reader, references: references, today: today) else { continue }
            for name in cpu.names {
                if let owner = seen[name] {
                    reader.error(node, "CPU id or alias '\(name)' is already used by \(owner)", hint: "give the CPU a name of its own")
                } else {
                    seen[name] = "CPU on line \(cpu.line)"
                }
            }
            cpus.append(cpu)
        }
        return (cpus, reader.diagnostics)
    }

    private static func entry(_ node: YAMLNode, reader: YAMLReader, references: [String: SourceReference], today: Day) -> CPU? {
        let required = keys.filter { !optionalKeys.contains($0) }
        guard let fields = reader.fields(node, what: "CPU", allowed: keys, required: required) else { return nil }
        func text(_ key: String) -> String? { fields[key].flatMap { reader.string($0, what: key) } }
        let identity = EntryIdentity(fields, reader: reader)
        let (id, aliases, launched) = (identity.id, identity.aliases, identity.launched)
        let reference = fields["source"].flatMap { reader.reference($0, in: references, what: "source") }
        let read = fields["read"].flatMap { reader.day($0, what: "read date", today: today) }
        let confidence = fields["confidence"].flatMap { reader.confidence($0) }
        // A bad default source still lets every figure be checked; the entry is dropped at the end.
        let base = Provenance(source: reference?.id ?? "?", title: reference?.title, url: reference?.url, asOf: read ?? today,
                              confidence: confidence ?? .unverified, note: fields["note"].flatMap { reader.string($0, what: "note") })
        let parser = FigureParser(reader: reader, references: references, base: base, today: today, owner: "CPU '\(id ?? "?")'")
        func figure(_ key: String, _ label: String, _ unit: Unit) -> Figure? {
            fields[key].flatMap { parser.figure($0, label: label, unit: unit, sparseAllowed: false) }
        }
        let cores = figure("cores", "cores", .cores)
        let clock = figure("base-clock-ghz", "base clock", .gigahertz)
        let perCycle = figure("bf16-flops-per-cycle", "BF16 FLOPs per cycle per core", .flopsPerCyclePerCore)
        let channels = figure("memory-channels", "memory channels", .channels)
        let speed = figure("memory-mts", "memory transfer rate", .megatransfersPerSecond)
        let memoryType = fields["memory-type"].flatMap { parser.text($0, label: "memory type") }
        let power = figure("power-w", "TDP", .watts)
        guard let id, reference != nil, read != nil, confidence != nil,
              let name = text("name"), let vendor = text("vendor"), let architecture = text("architecture"), let launched,
              let cores, let clock, let perCycle, let channels, let speed, let memoryType, let power else { return nil }
        return CPU(id: id, aliases: aliases, name: name, vendor: vendor, architecture: architecture, launched: launched,
                   cores: cores, baseClock: clock, bf16FlopsPerCycle: perCycle, memoryChannels: channels, memorySpeed: speed,
                   memoryType: memoryType, power: power, line: node.mark?.line ?? 0)
    }
}
