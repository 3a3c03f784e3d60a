/// Where each staff member's records were made: the one location id of all their rows (−1: rows with no location), or
/// ``several`` once their rows name two. While no staff member has rows at two locations, a grouping by location and
/// staff member needs one cell per location and rank of a staff member there (``ranks(locationCount:)``), not one per
/// location × every staff member (``FeedbackTable/placedTally(_:filter:rows:options:)``).
struct StaffPlacement: Sendable, Equatable {
    /// A staff member whose rows name two locations (or one and none).
    static let several = Int32.min
    /// A staff id with no rows yet.
    static let unseen = Int32.max

    /// Indexed by staff id.
    private(set) var locationOfStaff: [Int32] = []
    /// How many staff members have rows at two locations.
    private(set) var severalCount = 0

    /// Notes one row's staff member (−1: none, not noted) and location (−1: none).
    mutating func note(staff: Int32, location: Int32) {
        guard staff >= 0 else { return }
        let id = Int(staff)
        if id >= locationOfStaff.count { locationOfStaff += repeatElement(Self.unseen, count: id + 1 - locationOfStaff.count) }
        let held = locationOfStaff[id]
        if held == Self.unseen {
            locationOfStaff[id] = location
        } else if held != location && held != Self.several {
            locationOfStaff[id] = Self.several
            severalCount += 1
        }
    }

    var bytes: Int { locationOfStaff.count * 4 }

    /// Each staff member's rank among the staff of their location, for the staff key of a grouping by location and staff.
    struct Ranks {
        /// By staff id + 1: the rank (1, 2, …), 0 for rows without a staff member (the key source's lookup, bias −1).
        var lookup: [Int32]
        /// 1 + the most staff members at one location.
        var count: Int
        /// By location id + 1: the staff ids of that location in rank order (rank r at index r − 1).
        var staffAt: [[Int32]]

        /// The staff id of a location slot (location id + 1) and rank; −1 for rank 0.
        func staff(slot: Int, rank: Int) -> Int32 { rank == 0 ? -1 : staffAt[slot][rank - 1] }
    }

    /// The ranks while every staff member's rows are at one location; nil once one has rows at two.
    func ranks(locationCount: Int) -> Ranks? {
        guard severalCount == 0 else { return nil }
        var staffAt = [[Int32]](repeating: [], count: locationCount + 1)
        var lookup = [Int32](repeating: 0, count: locationOfStaff.count + 1)
        for (id, location) in locationOfStaff.enumerated() where location != Self.unseen {
            let slot = Int(location) + 1
            staffAt[slot].append(Int32(id))
            lookup[id + 1] = Int32(staffAt[slot].count)
        }
        return Ranks(lookup: lookup, count: 1 + (staffAt.map(\.count).max() ?? 0), staffAt: staffAt)
    }
}
