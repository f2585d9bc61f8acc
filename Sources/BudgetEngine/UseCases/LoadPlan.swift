import BudgetCore

/// Loading the plan the user names (`--plan`): a plan file, or the `id` of a plan bundled
/// in the binary (`--plan kon-tum-2020`). Any problem is a usage error (exit 2).
public struct LoadPlan: Sendable {
    public let fileSystem: LocalFileSystem

    public init(fileSystem: LocalFileSystem = LocalFileSystem()) { self.fileSystem = fileSystem }

    public func run(path: String) throws(EngineError) -> Plan {
        let bytes = try self.bytes(path)
        do {
            return try PlanLoader.load(bytes)
        } catch {
            throw Self.error(error, path: path, kind: .usage)
        }
    }

    /// The plan's bytes: the file at `path` if there is one, else the bundled plan whose
    /// `id` is `path`. A file always wins, so a plan being edited is never shadowed.
    public func bytes(_ path: String) throws(EngineError) -> [UInt8] {
        if fileSystem.exists(path) || path.contains("/") || path.hasSuffix(".json") {
            return try fileSystem.read(path, limit: Self.maxBytes)
        }
        if let bytes = Self.bundled[path] { return bytes }
        throw EngineError(
            .usage,
            Localized(
                vi:
                    "không tìm thấy tệp kế hoạch «\(path)»; các kế hoạch có sẵn: \(Self.bundled.keys.sorted().joined(separator: ", "))",
                en:
                    "plan file not found: \"\(path)\"; bundled plans: \(Self.bundled.keys.sorted().joined(separator: ", "))"
            ))
    }

    /// The largest plan file read: 256 MiB, about fourteen times a plan of 200 000 items.
    public static let maxBytes = 256 << 20

    /// The plans compiled into the binary, by `id`.
    static let bundled: [String: [UInt8]] = {
        var plans: [String: [UInt8]] = [:]
        for path in Bundled.paths where path.hasPrefix("Templates/plans/") && path.hasSuffix(".json") {
            if let bytes = Bundled.file(path), let plan = try? PlanLoader.load(bytes) { plans[plan.id] = bytes }
        }
        return plans
    }()

    /// The engine error for a plan that does not load: every problem, in both languages.
    static func error(_ error: PlanError, path: String, kind: EngineError.Kind) -> EngineError {
        let vi = error.lines(file: path, .vi)
        let en = error.lines(file: path, .en)
        return EngineError(
            kind, Localized(vi: "kế hoạch «\(path)» không dùng được:", en: "the plan \"\(path)\" cannot be used:"),
            details: zip(vi, en).map { Localized(vi: $0, en: $1) })
    }
}
