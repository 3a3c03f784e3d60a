extension CallTable {
    /// Recomputes every contact's gap to the same customer's next contact on the same topic, after an append
    /// arrived out of time order: the identified offered contacts sorted by customer, topic, arrival and row
    /// (ties in the order they were appended, as the reference's stable sort keeps them).
    mutating func refreshRepeatGaps() {
        guard repeatGapsStale else { return }
        let emptyTopic = topics.intern("")
        var keys: [Int64] = []
        var rows: [Int32] = []
        for row in 0..<count {
            let customerId = customer[row]
            guard customerId >= 0, flags[row] & Flags.outcome != Flags.selfService else { continue }
            let topicId = topic[row] >= 0 ? topic[row] : emptyTopic
            keys.append(Int64(customerId) << 32 | Int64(topicId))
            rows.append(Int32(row))
        }
        let order = rows.indices.sorted { a, b in
            if keys[a] != keys[b] { return keys[a] < keys[b] }
            let (ta, tb) = (arrival[Int(rows[a])], arrival[Int(rows[b])])
            return ta != tb ? ta < tb : rows[a] < rows[b]
        }
        for row in 0..<count { repeatGap[row] = .max }
        lastContact = [:]
        lastContact.reserveCapacity(order.count / 2)
        for (position, index) in order.enumerated() {
            let row = Int(rows[index])
            if position + 1 < order.count, keys[order[position + 1]] == keys[index] {
                let next = Int(rows[order[position + 1]])
                repeatGap[row] = Self.gap(arrival[next] - arrival[row])
            } else {
                lastContact[keys[index]] = Int32(row)
            }
        }
        repeatGapsStale = false
    }
}
