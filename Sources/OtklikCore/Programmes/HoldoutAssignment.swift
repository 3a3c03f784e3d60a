import Foundation

/// The hold-out of a programme (issue 19 item 3): a customer is held out when a hash of the programme's code and the
/// customer's id falls below the hold-out share — the same on every server and every run, so a replay assigns the same
/// arm. The store freezes the arm at first eligibility; after a merge the survivor keeps its own. The optional global
/// hold-out is the same hash over the customer alone: those customers no programme with `global_holdout` contacts.
public enum HoldoutAssignment {
    public enum Arm: String, Sendable, Codable, CaseIterable {
        case treated
        case holdout
    }

    /// The global hold-out's share of all customers.
    public static let globalShare = 0.05

    public static func arm(programme: String, customer: String, share: Double, globalHoldout: Bool = false) -> Arm {
        if globalHoldout, inGlobalHoldout(customer) { return .holdout }
        return unit("programme:\(programme):\(customer)") < share ? .holdout : .treated
    }

    public static func inGlobalHoldout(_ customer: String) -> Bool {
        unit("global:\(customer)") < globalShare
    }

    /// A uniform number in [0, 1) from the text: FNV-1a over its UTF-8 bytes, then the SplitMix64 finaliser.
    public static func unit(_ text: String) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
        hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
        hash ^= hash >> 31
        return Double(hash >> 11) / Double(UInt64(1) << 53)
    }
}
