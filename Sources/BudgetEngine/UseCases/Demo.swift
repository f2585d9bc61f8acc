import BudgetCore
import Foundation

/// What the demo did, step by step.
public struct DemoResult: Sendable {
    public var directory: String
    public var planPath: String
    public var roundDirectory: String
    public var plan: Plan
    public var steps: [(step: DemoStory.Step, result: SubmitResult)]
    public var status: RoundStatus
    public var package: PackageResult
}

/// `budget demo [--out DIR]`: the whole flow on the bundled Kon Tum example, with a
/// simulated clock.
///
/// The plan and the example files are written out from the copies compiled into the
/// binary (so the demo works from any directory), then opened, submitted and packaged
/// exactly as an officer would with the commands.
public struct Demo: Sendable {
    public let fileSystem: LocalFileSystem

    public init(fileSystem: LocalFileSystem = LocalFileSystem()) { self.fileSystem = fileSystem }

    public static let planFile = "Templates/plans/kon-tum-2020.json"

    /// The folder the demo writes to: `out`, or the first of `budget-demo`,
    /// `budget-demo-2`, … in `currentDirectory` that is absent or empty.
    public func outputDirectory(_ out: String?, currentDirectory: String) throws(EngineError) -> String {
        if let out {
            _ = try OutputGuard(fileSystem: fileSystem).checkFolder(out, force: false, forceHint: false)
            return out
        }
        for n in 1...999 {
            let name = n == 1 ? "budget-demo" : "budget-demo-\(n)"
            let path = (currentDirectory as NSString).appendingPathComponent(name)
            if (try? OutputGuard(fileSystem: fileSystem).checkFolder(path, force: false)) != nil { return path }
        }
        throw EngineError(.usage, Localized(vi: "hãy chỉ định --out DIR", en: "please give --out DIR"))
    }

    public func run(
        out: String, progress: @escaping (ProgressEvent) -> Void = { _ in }
    ) throws(EngineError) -> DemoResult {
        let files = (out as NSString).appendingPathComponent("ho-so")
        try fileSystem.createDirectory(files)
        func unpack(_ bundled: String) throws(EngineError) -> String {
            guard let bytes = Bundled.file(bundled) else {
                throw EngineError(
                    .environment, Localized(vi: "thiếu tệp mẫu «\(bundled)»", en: "missing bundled file \"\(bundled)\"")
                )
            }
            let path = (files as NSString).appendingPathComponent((bundled as NSString).lastPathComponent)
            try fileSystem.writeNewFile(bytes, to: path)
            return path
        }
        let planPath = try unpack(Self.planFile)
        let round = (out as NSString).appendingPathComponent("dot-tong-hop")
        let plan = try InitRound(fileSystem: fileSystem).run(
            directory: round, planPath: planPath, clock: ClockSetting(simulated: ISOTime.parse(DemoStory.opened)))
        var steps: [(step: DemoStory.Step, result: SubmitResult)] = []
        for step in DemoStory.steps {
            let path = try unpack("Examples/submissions/" + step.file)
            let request = SubmitRequest(
                path: path, receivedAt: step.receivedAt, note: step.note, acceptLate: step.reason != nil,
                reason: step.reason)
            let outcome = try Submit(fileSystem: fileSystem).run(
                request, roundDirectory: round, clock: ClockSetting(simulated: ISOTime.parse(step.time)))
            if let failure = outcome.failure { throw failure }
            for result in outcome.results { steps.append((step, result)) }
        }
        let end = ClockSetting(simulated: ISOTime.parse(DemoStory.packaged))
        let status = try Status().run(roundDirectory: round, clock: end)
        let package = try BuildPackage(fileSystem: fileSystem).run(
            PackageRequest(
                out: (out as NSString).appendingPathComponent("goi-gui-so-tai-chinh"), zip: true,
                memo: MemoOptions(number: nil, signer: nil)),
            roundDirectory: round, clock: end, progress: progress)
        return DemoResult(
            directory: out, planPath: planPath, roundDirectory: round, plan: plan, steps: steps, status: status,
            package: package)
    }
}
