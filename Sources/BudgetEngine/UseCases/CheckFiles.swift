import BudgetCore

/// `budget check`: validates files against a plan; stores nothing.
public struct CheckFiles: Sendable {
    public let fileSystem: LocalFileSystem

    public init(fileSystem: LocalFileSystem = LocalFileSystem()) { self.fileSystem = fileSystem }

    /// Checks each file, on up to `workers` threads (``OrderedWork``), and returns the
    /// results in the order of `files` whatever the workers' timing: the same results as
    /// checking them one after another. A missing file is a usage error (exit 2) raised
    /// before any file is read, so that a typo in the last argument does not waste a long
    /// run; a file that cannot be read throws the error of the first such file in
    /// argument order, as a loop would.
    public func run(
        files: [String], plan: Plan, options: ReadOptions, workers: Int = OrderedWork.defaultWorkers
    ) throws(EngineError) -> [FileCheck] {
        try options.validate()
        for file in files where !fileSystem.exists(file) {
            throw EngineError(.usage, Localized(vi: "không tìm thấy tệp «\(file)»", en: "file not found: \"\(file)\""))
        }
        let fs = fileSystem
        let outcomes = OrderedWork.map(count: files.count, workers: workers) { index in
            let file = files[index]
            return Result { () throws(EngineError) -> FileCheck in
                try SubmissionCheck.run(
                    plan: plan, fileName: file, options: options, open: { try fs.open(file) },
                    byteCount: fs.size(file))
            }
        }
        var results: [FileCheck] = []
        results.reserveCapacity(files.count)
        for outcome in outcomes { results.append(try outcome.get()) }
        return results
    }
}
