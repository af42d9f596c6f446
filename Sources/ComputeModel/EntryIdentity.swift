import YAMLSupport

/// The fields every hardware entry (accelerators.yaml, cpus.yaml) starts with, checked the same way.
struct EntryIdentity {
    var id: String?
    var aliases: [String]
    var launched: String?

    /// Reads `id` (lowercase letters, digits and '-'), `aliases` and `launched` (starts with a year), recording problems.
    init(_ fields: YAMLReader.Fields, reader: YAMLReader) {
        func text(_ key: String) -> String? { fields[key].flatMap { reader.string($0, what: key) } }
        id = text("id")
        if let id, !id.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) {
            reader.error(fields.keyNode("id"), "id '\(id)' must be lowercase letters, digits and '-'")
        }
        aliases = []
        if let aliasNode = fields["aliases"] {
            aliases = (reader.elements(aliasNode, what: "aliases") ?? []).compactMap { reader.string($0, what: "alias") }
        }
        launched = text("launched")
        if let launched, !(launched.prefix(4).allSatisfy(\.isNumber) && launched.count >= 4) {
            reader.error(fields.keyNode("launched"), "launched '\(launched)' must start with a year")
        }
    }
}
