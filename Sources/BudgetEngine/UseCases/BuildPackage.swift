import BudgetCore
import BudgetFormats
import BudgetRules
import BudgetStore
import Foundation

/// `budget package --out DIR`: the package for the Department of Finance.
///
/// Everything is written into a staging folder beside DIR and moved into place at the
/// end, so DIR never holds half a package; `--force` replaces an existing DIR only then.
/// All reads come from one snapshot of the round. The three ways of summing — the lines
/// as they stream, the agencies' totals, the items' totals — must agree, or nothing is
/// written. The same round and clock give byte-identical files, ZIP included.
public struct BuildPackage: Sendable {
    public let fileSystem: LocalFileSystem

    public init(fileSystem: LocalFileSystem = LocalFileSystem()) { self.fileSystem = fileSystem }

    public func run(
        _ request: PackageRequest, roundDirectory: String, clock setting: ClockSetting,
        progress: @escaping (ProgressEvent) -> Void = { _ in }
    ) throws(EngineError) -> PackageResult {
        let out = Self.trimmed(request.out)
        let guardian = OutputGuard(fileSystem: fileSystem)
        _ = try guardian.checkFolder(out, force: request.force)
        let zipPath = out + ".zip"
        if request.zip { try guardian.checkFile(zipPath) }
        let layouts = try Layouts.load(from: request.layouts, fileSystem: fileSystem)
        let round = try OpenRound.run(roundDirectory)
        let clock = setting.provider(zone: round.plan.timeZone)
        let now = clock.now()
        let parent = OutputGuard.parent(of: out)
        try fileSystem.createDirectory(parent)
        let staging = try fileSystem.makeTemporaryDirectory(in: parent)
        do {
            var result = try round.snapshot {
                let c = try round.consolidation()
                // The counted files are not re-hashed here: each is hashed as it is copied
                // into nguon/ (PackageHasher) and as its lines are read (CountedLines), and a
                // mismatch fails the package with the same checks' error.
                try round.verify()
                var writer = PackageWriter(
                    consolidation: c, round: round, directory: staging, request: request, layouts: layouts,
                    now: now, clockKind: clock.kind, fileSystem: fileSystem, progress: progress)
                return try writer.write()
            }
            result.directory = out
            // The ZIP is made complete under a temporary name, the folder moved into place,
            // and only then the ZIP renamed: a failure before leaves nothing new, and one
            // at the very end leaves a whole folder and says the ZIP is missing.
            var zipStaging: String? = nil
            if request.zip {
                zipStaging = try fileSystem.writeBeside(zipPath) { sink in
                    try PackageZip.write(
                        staging, files: result.files, to: sink,
                        modified: DOSDateTime(now, timeZone: round.plan.timeZone))
                }
            }
            do {
                try Self.moveIntoPlace(staging, out, fileSystem: fileSystem)
            } catch {
                if let zipStaging { try? fileSystem.removeTree(zipStaging) }
                throw error
            }
            if let zipStaging {
                do {
                    try fileSystem.rename(zipStaging, to: zipPath)
                } catch {
                    try? fileSystem.removeTree(zipStaging)
                    throw EngineError(
                        .environment,
                        Localized(
                            vi:
                                "đã lập gói hồ sơ trong «\(out)» nhưng không ghi được «\(zipPath)»: \(error.message.vi)",
                            en:
                                "the package is in \"\(out)\" but \"\(zipPath)\" could not be written: \(error.message.en)"
                        ))
                }
                result.zipPath = zipPath
            }
            return result
        } catch {
            try? fileSystem.removeTree(staging)
            throw EngineErrors.from(error)
        }
    }

    /// The path without trailing slashes.
    static func trimmed(_ path: String) -> String {
        var base = path
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// Replaces `out` by `staging`: the old folder (if any; an earlier package, checked by
    /// ``OutputGuard``) is moved aside first and removed only after the new one is in place.
    static func moveIntoPlace(_ staging: String, _ out: String, fileSystem: LocalFileSystem) throws(EngineError) {
        if fileSystem.exists(out) {
            let aside = try fileSystem.makeTemporaryDirectory(in: OutputGuard.parent(of: out))
            let old = aside + "/cu"
            try fileSystem.rename(out, to: old)
            try fileSystem.rename(staging, to: out)
            try fileSystem.removeTree(aside)
        } else {
            try fileSystem.rename(staging, to: out)
        }
    }
}
