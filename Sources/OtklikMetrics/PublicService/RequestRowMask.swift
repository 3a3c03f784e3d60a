/// Whether a service request passes the query's period and filters, as a weight 0 or 1 without data-dependent branches
/// (``CallRowMask`` for contacts): absent filters are nil and cost a predicted branch, and the submission time is not
/// read at all when the query has no period. Ids are shifted by one into the masks, so that "no location" (−1) reads
/// mask[0], which is 0.
struct RequestRowMask: RowTest {
    let submitted: UnsafePointer<Double>?
    let from: Double, to: Double
    let service: UnsafePointer<Int32>, serviceMask: UnsafePointer<UInt8>?
    let location: UnsafePointer<Int32>, locationMask: UnsafePointer<UInt8>?
    let channel: UnsafePointer<UInt8>, channelMask: UnsafePointer<UInt8>?

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

/// A row test narrowed to the online requests or contacts with a customer (platform users): the channel's 0/1 byte in
/// `online`, and a customer code of 0 or more.
struct OnlineCustomerRows<Test: RowTest>: RowTest {
    let test: Test
    let channel: UnsafePointer<UInt8>, online: UnsafePointer<UInt8>
    let customer: UnsafePointer<Int32>

    @inline(__always) func weight(_ row: Int) -> UInt32 {
        test.weight(row) & UInt32(online[Int(channel[row])]) & (customer[row] >= 0 ? 1 : 0)
    }
}

/// A row test narrowed to the completed requests (cost per service, contacts per request).
struct CompletedRows<Test: RowTest>: RowTest {
    let test: Test
    let status: UnsafePointer<UInt8>

    @inline(__always) func weight(_ row: Int) -> UInt32 { test.weight(row) & (status[row] == RequestTable.completed ? 1 : 0) }
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
