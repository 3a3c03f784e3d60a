// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "otklik",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "otklik", targets: ["otklik"]),
        .library(name: "OtklikServer", targets: ["OtklikServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.25.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        .target(name: "OtklikCore", swiftSettings: swiftSettings),
        .target(name: "OtklikMetrics", dependencies: ["OtklikCore"], swiftSettings: swiftSettings),
        .target(name: "OtklikText", dependencies: ["OtklikCore"], swiftSettings: swiftSettings),
        .target(
            name: "OtklikInterchange",
            dependencies: [
                "OtklikCore", "OtklikMetrics",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        // A C shim for the SQLite settings Swift cannot reach (`sqlite3_config` is variadic).
        .target(name: "COtklikSQLite", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "OtklikStore",
            dependencies: [
                "OtklikCore", "OtklikMetrics", "OtklikText", "OtklikInterchange", "COtklikSQLite",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OtklikClickHouse",
            dependencies: [
                "OtklikCore", "OtklikMetrics",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OtklikApplication",
            dependencies: [
                "OtklikCore", "OtklikMetrics", "OtklikText", "OtklikStore", "OtklikInterchange",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OtklikServer",
            dependencies: [
                "OtklikCore", "OtklikMetrics", "OtklikText", "OtklikInterchange", "OtklikStore", "OtklikApplication", "OtklikClickHouse",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "otklik",
            dependencies: [
                "OtklikServer", "OtklikApplication", "OtklikInterchange",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OtklikMetricsTests",
            dependencies: [
                "OtklikMetrics", "OtklikCore", "OtklikInterchange", "OtklikClickHouse",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "OtklikCoreTests", dependencies: ["OtklikCore"]),
        .testTarget(name: "OtklikClickHouseTests", dependencies: ["OtklikClickHouse", "OtklikMetrics", "OtklikCore"]),
        .testTarget(name: "OtklikTextTests", dependencies: ["OtklikText", "OtklikCore", "OtklikInterchange"], resources: [.copy("Fixtures")]),
        .testTarget(name: "OtklikInterchangeTests", dependencies: ["OtklikInterchange", "OtklikMetrics", "OtklikCore"]),
        // One migrated database per test process, copied for each test (Tests/OtklikTestSupport).
        .target(name: "OtklikTestSupport", dependencies: ["OtklikStore"], path: "Tests/OtklikTestSupport"),
        .testTarget(
            name: "OtklikStoreTests", dependencies: ["OtklikStore", "OtklikInterchange", "OtklikMetrics", "OtklikCore", "OtklikTestSupport"]),
        .testTarget(
            name: "OtklikServerTests",
            dependencies: [
                "OtklikServer", "OtklikApplication", "OtklikStore", "OtklikInterchange", "OtklikMetrics", "OtklikCore",
                "OtklikTestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ]
        ),
    ]
)
