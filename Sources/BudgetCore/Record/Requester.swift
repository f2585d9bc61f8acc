/// Who asked for a change to the round, and from where: recorded with annulments, access
/// codes and portal actions. (Not `Actor`, which is Swift's concurrency protocol.)
public struct Requester: Sendable, Hashable {
    /// `cli` for the command line, `officer:NAME` or `agency:CODE` for the portal.
    public var name: String
    /// The client's address for the portal; `nil` on the command line.
    public var address: String?

    public init(name: String, address: String? = nil) {
        self.name = name
        self.address = address
    }

    /// The officer at the terminal.
    public static let commandLine = Requester(name: "cli")
}
