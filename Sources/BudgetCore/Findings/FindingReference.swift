/// The reference page of finding codes, generated from the catalogue so that the docs
/// can never disagree with the messages the tool prints.
extension FindingCatalogue {
    /// The page in Markdown: one section per code with its severity, description and
    /// message templates in both languages.
    public static func referenceMarkdown() -> String {
        var out = """
            # Finding codes

            Generated from `FindingCatalogue` (Sources/BudgetCore/Findings); do not edit by
            hand — `BUDGET_REGENERATE=1 swift test --filter FindingReference` rewrites it.
            Codes are stable: scripts may rely on them. Placeholders in braces are filled
            from each finding (`{line}`, `{column}`, `{value}`, …).

            | code | severity | title |
            |---|---|---|

            """
        for entry in entries {
            out += "| `\(entry.code.rawValue)` | \(entry.severity.rawValue) | \(entry.title.vi) — \(entry.title.en) |\n"
        }
        for entry in entries {
            out += "\n## `\(entry.code.rawValue)` (\(entry.severity.rawValue))\n\n"
            out += entry.description.vi + "\n\n" + entry.description.en + "\n\n"
            for variant in entry.messages.keys.sorted() {
                let label = variant.isEmpty ? "message" : "message (\(variant))"
                guard let message = entry.messages[variant] else { continue }
                out += "- \(label), vi: \(message.vi)\n- \(label), en: \(message.en)\n"
            }
            for variant in entry.hints.keys.sorted() {
                let label = variant.isEmpty ? "hint" : "hint (\(variant))"
                guard let hint = entry.hints[variant] else { continue }
                out += "- \(label), vi: \(hint.vi)\n- \(label), en: \(hint.en)\n"
            }
        }
        return out
    }
}
