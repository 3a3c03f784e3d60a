import HummingbirdBcrypt
import NIOPosix

/// bcrypt password hashes, computed off the event loops.
public struct PasswordHasher: Sendable {
    /// bcrypt cost; 12 by default (about a quarter of a second per hash).
    public var cost: UInt8

    public init(cost: UInt8 = 12) {
        self.cost = cost
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Checks a new password's length: 10 to 200 characters.
    public static func validate(_ password: String) throws -> String {
        guard (10...200).contains(password.count) else {
            throw PasswordPolicyError()
        }
        return password
    }
}

public struct PasswordPolicyError: Error, CustomStringConvertible {
    public var description: String { "a password must be 10 to 200 characters long" }
}
