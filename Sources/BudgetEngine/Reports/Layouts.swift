import BudgetCore
import BudgetFormats
import Foundation

/// The two editable layouts, parsed.
struct Layouts {
    let memo: Template
    let intakeReport: Template

    static let memoName = "to-trinh.html"
    static let intakeReportName = "bao-cao-tiep-nhan.html"

    /// The compiled-in defaults, or edited copies from `folder`.
    static func load(from folder: String?, fileSystem: LocalFileSystem) throws(EngineError) -> Layouts {
        func one(_ name: String) throws(EngineError) -> Template {
            var source = Bundled.layout(name) ?? ""
            var shown = name
            if let folder {
                let candidate = (folder as NSString).appendingPathComponent(name)
                if fileSystem.exists(candidate) {
                    source = String(decoding: try fileSystem.read(candidate, limit: 16 << 20), as: UTF8.self)
                    shown = candidate
                }
            }
            do {
                return try Template(source, name: shown)
            } catch {
                throw EngineError(
                    .usage,
                    Localized(
                        vi: "mẫu trình bày «\(shown)» có lỗi: \(error)",
                        en: "the layout \"\(shown)\" has an error: \(error)"))
            }
        }
        if let folder, !fileSystem.isDirectory(folder) {
            throw EngineError(
                .usage, Localized(vi: "không có thư mục mẫu «\(folder)»", en: "no layouts folder \"\(folder)\""))
        }
        return Layouts(memo: try one(memoName), intakeReport: try one(intakeReportName))
    }
}
