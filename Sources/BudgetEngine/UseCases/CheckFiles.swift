import BudgetCore

/// `budget check`: validates files against a plan; stores nothing.
public struct CheckFiles: Sendable {
    public let fileSystem: LocalFileSystem

    public init(fileSystem: LocalFileSystem = LocalFileSystem()) { self.fileSystem = fileSystem }

    /// Checks each file in order. A missing file is a usage error (exit 2) raised before
    /// any file is read, so that a typo in the last argument does not waste a long run.
    public func run(files: [String], plan: Plan, options: ReadOptions) throws(EngineError) -> [FileCheck] {
        try options.validate()
        for file in files where !fileSystem.exists(file) {
            throw EngineError(.usage, Localized(vi: "không tìm thấy tệp «\(file)»", en: "file not found: \"\(file)\""))
        }
        var results: [FileCheck] = []
        for file in files {
            let fs = fileSystem
            let check = try SubmissionCheck.run(
                plan: plan, fileName: file, options: options, open: { try fs.open(file) },
                byteCount: fs.size(file))
            results.append(check)
        }
        return results
    }
}
