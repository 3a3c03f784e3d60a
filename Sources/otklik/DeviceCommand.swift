import ArgumentParser
import Foundation
import OtklikCore
import OtklikStore

struct DeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device",
        abstract: "Register button consoles and terminals, issue and revoke their tokens.",
        discussion: """
            A console posts its presses to POST /device/v1/presses with 'Authorization: Bearer TOKEN'. The token is
            printed once; only its hash is stored. See README, "Button consoles".
            """,
        subcommands: [Add.self, Token.self, Revoke.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a device and print its token.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Device code (at most 40 characters of letters, digits and -_.:).") var code: String
        @Option(help: "button_console, terminal, qr_code, recorder or staff_display (a loyalty display paired as the staff screen).") var kind: String = "button_console"
        @Option(help: "The location code where it stands.") var location: String
        @Option(help: "The staff member or window it belongs to.") var staff: String?

        func run() async throws {
            guard let kind = Device.Kind(rawValue: kind) else {
                throw CommandFailure("--kind: use one of \(Device.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try await withDatabase(common) { database in
                print(try await database.devices.register(Device(code: code, kind: kind, location: location, staff: staff)))
            }
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a new token (the old one stops working) and print it.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Device code.") var code: String
        @Flag(help: "Let the device start its sequence numbers again (its presses move to a new epoch).") var resetSequence = false

        func run() async throws {
            try await withDatabase(common) { database in
                print(try await database.devices.issueToken(code: code, resetSequence: resetSequence))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a device's token.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Device code.") var code: String

        func run() async throws {
            try await withDatabase(common) { database in
                try await database.devices.revoke(code: code)
                print("revoked \(code)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List devices with their last delivery and clock offset.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withDatabase(common) { database in
                print("code\tkind\tlocation\tstaff\tepoch\tlast_seen\tclock_skew_s\tstatus")
                for item in try await database.devices.devices() {
                    let device = item.device
                    print([
                        device.code, device.kind.rawValue, device.location, device.staff ?? "", String(item.epoch),
                        item.lastSeenAt.map(Timestamp.format) ?? "never", item.lastSkewSeconds.map { String(format: "%.1f", $0) } ?? "",
                        item.isRevoked ? "revoked" : "live",
                    ].joined(separator: "\t"))
                }
            }
        }
    }
}
