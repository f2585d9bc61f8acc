import BudgetCore

extension CheckFiles {
    /// Checks one file under a name other than its path's: the portal checks an upload
    /// saved to a temporary file and reports findings under the name the browser gave.
    public func run(
        path: String, displayName: String, plan: Plan, options: ReadOptions
    ) throws(EngineError) -> FileCheck {
        try options.validate()
        guard fileSystem.exists(path) else {
            throw EngineError(
                .usage, Localized(vi: "không tìm thấy tệp «\(displayName)»", en: "file not found: \"\(displayName)\""))
        }
        let fs = fileSystem
        return try SubmissionCheck.run(
            plan: plan, fileName: displayName, options: options, open: { try fs.open(path) }, byteCount: fs.size(path))
    }
}
