import Foundation

/// Writes a new draft page (`signals new`), refusing paths outside content/ and files that exist.
public enum NewPage {
    /// Why a page could not be created.
    public struct Problem: Error, Sendable {
        public var message: String
    }

    /// The kinds lessons use, offered in the new page's comments.
    static let kinds = ["basics", "concept", "unit", "compare", "workloads", "market", "reference"]

    /// Creates `content/<path>` under `root`; returns the path it wrote, relative to the root.
    public static func create(path: String, root: URL, kind: String?, today: Date) -> Result<String, Problem> {
        let relative = path.hasPrefix("content/") ? String(path.dropFirst("content/".count)) : path
        guard relative.hasSuffix(".md"), !relative.hasPrefix("/"),
              !relative.split(separator: "/").contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else {
            return .failure(Problem(message: "'\(path)' must be a Markdown file inside content/, e.g. learn/what-is-hbm.md"))
        }
        if let kind, !kinds.contains(kind) {
            return .failure(Problem(message: "unknown kind '\(kind)'; kinds: \(kinds.joined(separator: ", "))"))
        }
        let content = root.appendingPathComponent("content")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: content.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return .failure(Problem(message: "no content/ folder in \(root.path); run signals from the site's root folder, or pass --source ROOT"))
        }
        let target = content.appendingPathComponent(relative)
        guard !FileManager.default.fileExists(atPath: target.path) else {
            return .failure(Problem(message: "content/\(relative) already exists; choose another name"))
        }
        let weight = nextWeight(in: target.deletingLastPathComponent())
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text(title: title(fromFileName: target.deletingPathExtension().lastPathComponent), kind: kind, weight: weight, today: today)
                .write(to: target, atomically: true, encoding: .utf8)
        } catch {
            return .failure(Problem(message: "cannot write content/\(relative): \(error.localizedDescription)"))
        }
        return .success("content/\(relative)")
    }

    /// Words kept upper-case in titles (`GPUs` keeps its plural `s`); other words are sentence-cased.
    static let acronyms: Set<String> = [
        "AI", "API", "ASIC", "BF16", "CPU", "CUDA", "DRAM", "FLOP", "FLOPS", "FP4", "FP8", "FP16", "FP32", "FP64", "GPU",
        "HBM", "HPC", "LLM", "MFU", "ML", "NPU", "PFLOPS", "SRAM", "SXM", "TCO", "TDP", "TFLOPS", "TPU", "TB", "GB",
    ]
    /// Words with a fixed mixed case.
    static let fixedCase: [String: String] = ["nvlink": "NVLink", "pcie": "PCIe", "infiniband": "InfiniBand", "nvidia": "NVIDIA", "amd": "AMD"]

    /// The title a person would give a file name, sentence case as the site's titles are:
    /// `what-is-hbm` → `What is HBM`, `h100-vs-b200` → `H100 vs B200`, `what-gpus-do` → `What GPUs do`.
    /// Acronyms stay upper-case, names with digits (`h100`, `mi300x`) are upper-cased, the rest is lower-case
    /// except the first word. `_index` gives `Index`.
    static func title(fromFileName name: String) -> String {
        let words = name.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
            .split(separator: " ").map { String($0).lowercased() }
        var result: [String] = []
        for (position, word) in words.enumerated() {
            let upper = word.uppercased()
            if let fixed = fixedCase[word] {
                result.append(fixed)
            } else if acronyms.contains(upper) {
                result.append(upper)
            } else if word.hasSuffix("s"), word.count > 2, acronyms.contains(String(upper.dropLast())) {
                result.append(String(upper.dropLast()) + "s")
            } else if word.contains(where: \.isNumber), word.contains(where: \.isLetter) {
                result.append(upper)
            } else if position == 0 {
                result.append(word.prefix(1).uppercased() + word.dropFirst())
            } else {
                result.append(word)
            }
        }
        return result.joined(separator: " ")
    }

    /// The weight after the last page of the folder: the largest `weight:` of its pages (not `_index.md`)
    /// plus 10, rounded down to a multiple of 10; 10 in a folder without weighted pages.
    static func nextWeight(in folder: URL) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var largest: Int?
        for name in names where name.hasSuffix(".md") && name != "_index.md" {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            if let weight = frontMatterWeight(String(decoding: data, as: UTF8.self)) {
                largest = max(largest ?? weight, weight)
            }
        }
        guard let largest else { return 10 }
        return (largest / 10 + 1) * 10
    }

    /// The `weight:` of a page's front matter, read line by line (a full parse is not needed here).
    static func frontMatterWeight(_ text: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else { return nil }
        for line in lines.dropFirst() {
            if line.trimmingCharacters(in: .whitespaces) == "---" { break }
            guard line.hasPrefix("weight:") else { continue }
            let value = line.dropFirst("weight:".count).split(separator: "#").first?.trimmingCharacters(in: .whitespaces) ?? ""
            return Int(value)
        }
        return nil
    }

    static func text(title: String, kind: String?, weight: Int, today: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        let quoted = title.contains(":") || title.contains("#") ? "\"\(title.replacingOccurrences(of: "\"", with: "\\\""))\"" : title
        return """
        ---
        title: \(quoted)
        summary: "TODO: one sentence on what the reader learns; shown on cards, in search and in link previews"
        kind: \(kind ?? "concept")  # \(kinds.joined(separator: " | "))
        weight: \(weight)
        date: \(formatter.string(from: today))
        draft: true
        # tags: []
        # related: [learn/what-is-a-gpu-hour.md]
        ---

        Write the page here. Prices and specs come from content/data/ through directives, never typed
        into the text: see README, "Numbers come from data".

        """
    }
}
