/// Whether a service request passes the query's period and filters (``CallRowMask`` for contacts): each filter present
/// is a ``ColumnFilter`` (the row loops list a block's passing rows one filter at a time, ``FilteredRows``), and
/// ``weight(_:)`` tests one row as a weight 0 or 1 without data-dependent branches (absent filters are nil and cost a
/// predicted branch; the submission time is not read at all when the query has no period). Ids are shifted by one into
/// the masks, so that "no location" (−1) reads mask[0], which is 0.
struct RequestRowMask: FilteredRows {
    let submitted: UnsafePointer<Double>?
    let from: Double, to: Double
    let service: UnsafePointer<Int32>, serviceMask: UnsafePointer<UInt8>?
    let location: UnsafePointer<Int32>, locationMask: UnsafePointer<UInt8>?
    let channel: UnsafePointer<UInt8>, channelMask: UnsafePointer<UInt8>?
    /// The filters present, in the order period, service, location, channel.
    let filters: [ColumnFilter]

    init(
        submitted: UnsafePointer<Double>?, from: Double, to: Double,
        service: UnsafePointer<Int32>, serviceMask: UnsafePointer<UInt8>?,
        location: UnsafePointer<Int32>, locationMask: UnsafePointer<UInt8>?,
        channel: UnsafePointer<UInt8>, channelMask: UnsafePointer<UInt8>?
    ) {
        (self.submitted, self.from, self.to) = (submitted, from, to)
        (self.service, self.serviceMask, self.location, self.locationMask) = (service, serviceMask, location, locationMask)
        (self.channel, self.channelMask) = (channel, channelMask)
        var filters: [ColumnFilter] = []
        if let submitted { filters.append(.seconds(submitted, from: from, to: to)) }
        if let serviceMask { filters.append(.ids(service, mask: serviceMask)) }
        if let locationMask { filters.append(.ids(location, mask: locationMask)) }
        if let channelMask { filters.append(.bytes(channel, mask: channelMask)) }
        self.filters = filters
    }

    @inline(__always) func weight(_ row: Int) -> UInt32 {
        var keep: UInt8 = 1
        if let submitted {
            let t = submitted[row]
            keep &= (t >= from ? 1 : 0) & (t < to ? 1 : 0)
        }
        if let serviceMask { keep &= serviceMask[Int(service[row]) &+ 1] }
        if let locationMask { keep &= locationMask[Int(location[row]) &+ 1] }
        if let channelMask { keep &= channelMask[Int(channel[row])] }
        return UInt32(keep)
    }
}

extension CallMasks {
    /// The row test over a request table's columns (valid while the table and these masks are alive).
    func test(_ table: RequestTable) -> RequestRowMask {
        RequestRowMask(
            submitted: timed ? table.submitted.base : nil, from: from, to: to,
            service: table.service.base, serviceMask: services?.base, location: table.location.base, locationMask: locations?.base,
            channel: table.channel.base, channelMask: channels?.base)
    }
}
