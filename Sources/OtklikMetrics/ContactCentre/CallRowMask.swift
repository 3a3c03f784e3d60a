/// Whether a contact passes the query's time range and filters: each filter present is a ``ColumnFilter`` (the row
/// loops list a block's passing rows one filter at a time, ``FilteredRows``), and ``weight(_:)`` tests one row as a
/// weight 0 or 1 without data-dependent branches (absent filters are nil and cost a predicted branch). Ids are shifted
/// by one into the masks, so that "no value" (−1) reads mask[0], which is 0.
struct CallRowMask: FilteredRows {
    let arrival: UnsafePointer<Double>?
    let from: Double, to: Double
    let queue: UnsafePointer<Int32>, queueMask: UnsafePointer<UInt8>?
    let agent: UnsafePointer<Int32>, agentMask: UnsafePointer<UInt8>?
    let location: UnsafePointer<Int32>, locationMask: UnsafePointer<UInt8>?
    let service: UnsafePointer<Int32>, serviceMask: UnsafePointer<UInt8>?
    let channel: UnsafePointer<UInt8>, channelMask: UnsafePointer<UInt8>?
    /// The filters present, in the order time, queue, agent, location, service, channel.
    let filters: [ColumnFilter]

    init(
        arrival: UnsafePointer<Double>?, from: Double, to: Double,
        queue: UnsafePointer<Int32>, queueMask: UnsafePointer<UInt8>?,
        agent: UnsafePointer<Int32>, agentMask: UnsafePointer<UInt8>?,
        location: UnsafePointer<Int32>, locationMask: UnsafePointer<UInt8>?,
        service: UnsafePointer<Int32>, serviceMask: UnsafePointer<UInt8>?,
        channel: UnsafePointer<UInt8>, channelMask: UnsafePointer<UInt8>?
    ) {
        (self.arrival, self.from, self.to) = (arrival, from, to)
        (self.queue, self.queueMask, self.agent, self.agentMask) = (queue, queueMask, agent, agentMask)
        (self.location, self.locationMask, self.service, self.serviceMask) = (location, locationMask, service, serviceMask)
        (self.channel, self.channelMask) = (channel, channelMask)
        var filters: [ColumnFilter] = []
        if let arrival { filters.append(.seconds(arrival, from: from, to: to)) }
        if let queueMask { filters.append(.ids(queue, mask: queueMask)) }
        if let agentMask { filters.append(.ids(agent, mask: agentMask)) }
        if let locationMask { filters.append(.ids(location, mask: locationMask)) }
        if let serviceMask { filters.append(.ids(service, mask: serviceMask)) }
        if let channelMask { filters.append(.bytes(channel, mask: channelMask)) }
        self.filters = filters
    }

    @inline(__always) func weight(_ row: Int) -> UInt32 {
        var keep: UInt8 = 1
        if let arrival {
            let t = arrival[row]
            keep &= (t >= from ? 1 : 0) & (t < to ? 1 : 0)
        }
        if let queueMask { keep &= queueMask[Int(queue[row]) &+ 1] }
        if let agentMask { keep &= agentMask[Int(agent[row]) &+ 1] }
        if let locationMask { keep &= locationMask[Int(location[row]) &+ 1] }
        if let serviceMask { keep &= serviceMask[Int(service[row]) &+ 1] }
        if let channelMask { keep &= channelMask[Int(channel[row])] }
        return UInt32(keep)
    }
}
