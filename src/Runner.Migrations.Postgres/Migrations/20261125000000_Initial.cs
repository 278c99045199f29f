using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Runner.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "catalog_collection_products",
                columns: table => new
                {
                    collection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_collection_products", x => new { x.collection_id, x.product_id });
                });

            migrationBuilder.CreateTable(
                name: "catalog_collections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    handle = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    description_html = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    rules = table.Column<string>(type: "text", nullable: false),
                    match_all = table.Column<bool>(type: "boolean", nullable: false),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false),
                    sort_order = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    image_url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    seo_title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    seo_description = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_collections", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_products",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    handle = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    description_html = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    vendor = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    product_type = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    seo_title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    seo_description = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    sort_title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    vendor_key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    product_type_key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    min_price = table.Column<long>(type: "bigint", nullable: false),
                    max_price = table.Column<long>(type: "bigint", nullable: false),
                    search_title = table.Column<string>(type: "text", nullable: false),
                    search_body = table.Column<string>(type: "text", nullable: false),
                    search_terms = table.Column<string>(type: "text", nullable: false),
                    archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_products", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "checkout_carts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    exchange_rate = table.Column<decimal>(type: "numeric(28,12)", precision: 28, scale: 12, nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    shipping_address = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    billing_address = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    shipping_rate = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    visitor_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    session_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    utm_source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    utm_medium = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    utm_campaign = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    referrer = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    item_count = table.Column<long>(type: "bigint", nullable: false),
                    subtotal = table.Column<long>(type: "bigint", nullable: false),
                    last_activity_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    checkout_locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    pending_checkout = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checkout_carts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "customers_customers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    email_key = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    first_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    last_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    orders_count = table.Column<int>(type: "integer", nullable: false),
                    total_spent = table.Column<long>(type: "bigint", nullable: false),
                    spent_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    last_order_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customers_customers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_api_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    lookup = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    secret_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    token = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: true),
                    permissions = table.Column<List<string>>(type: "text[]", nullable: false),
                    is_bootstrap = table.Column<bool>(type: "boolean", nullable: false),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_ledger",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    variant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    delta = table.Column<long>(type: "bigint", nullable: false),
                    on_hand_after = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_ledger", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_locations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    address_line1 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    address_line2 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    postal_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    country_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_locations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_reservations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    variant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    quantity = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    backorder = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_reservations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inventory_transfers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    shipped_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_transfers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "kernel_idempotency_keys",
                columns: table => new
                {
                    scope = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    body = table.Column<string>(type: "text", nullable: true),
                    location = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kernel_idempotency_keys", x => new { x.scope, x.key });
                });

            migrationBuilder.CreateTable(
                name: "kernel_outbox",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    available_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    locked_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    dead_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kernel_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "kernel_outbox_handled",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    handler = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    handled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kernel_outbox_handled", x => new { x.message_id, x.handler });
                });

            migrationBuilder.CreateTable(
                name: "kernel_secrets",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kernel_secrets", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "orders_counters",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders_counters", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "orders_orders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    payment_status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    fulfilment_status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    held_for_review = table.Column<bool>(type: "boolean", nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    email_key = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false),
                    cart_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    store_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    exchange_rate = table.Column<decimal>(type: "numeric(28,12)", precision: 28, scale: 12, nullable: false),
                    prices_include_tax = table.Column<bool>(type: "boolean", nullable: false),
                    subtotal = table.Column<long>(type: "bigint", nullable: false),
                    shipping_total = table.Column<long>(type: "bigint", nullable: false),
                    tax_total = table.Column<long>(type: "bigint", nullable: false),
                    discount_total = table.Column<long>(type: "bigint", nullable: false),
                    total = table.Column<long>(type: "bigint", nullable: false),
                    authorized = table.Column<long>(type: "bigint", nullable: false),
                    captured = table.Column<long>(type: "bigint", nullable: false),
                    refunded = table.Column<long>(type: "bigint", nullable: false),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    payment_method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    shipping_address = table.Column<string>(type: "text", nullable: true),
                    billing_address = table.Column<string>(type: "text", nullable: true),
                    shipping = table.Column<string>(type: "text", nullable: true),
                    attribution = table.Column<string>(type: "text", nullable: true),
                    fraud = table.Column<string>(type: "text", nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancel_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    collecting_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders_orders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments_fraud_attempts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    score = table.Column<int>(type: "integer", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_fraud_attempts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments_idempotency",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    request_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    gateway = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    capture = table.Column<bool>(type: "boolean", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_idempotency", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "payments_payments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    gateway = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    state = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    authorized = table.Column<long>(type: "bigint", nullable: false),
                    captured = table.Column<long>(type: "bigint", nullable: false),
                    refunded = table.Column<long>(type: "bigint", nullable: false),
                    capturing = table.Column<long>(type: "bigint", nullable: false),
                    refunding = table.Column<long>(type: "bigint", nullable: false),
                    brand = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    last4 = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    order_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    gateway_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    idempotency_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    authorization_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    claimed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_payments", x => x.id);
                    table.CheckConstraint("ck_payments_payments_captured", "captured + capturing <= authorized");
                    table.CheckConstraint("ck_payments_payments_in_flight", "capturing >= 0 AND refunding >= 0");
                    table.CheckConstraint("ck_payments_payments_refunded", "refunded + refunding <= captured");
                });

            migrationBuilder.CreateTable(
                name: "payments_sandbox_operations",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    fee = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_sandbox_operations", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "payments_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    enabled_gateways = table.Column<List<string>>(type: "text[]", nullable: false),
                    manual_instructions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    fee_percent_basis_points = table.Column<int>(type: "integer", nullable: false),
                    fee_fixed_minor = table.Column<long>(type: "bigint", nullable: false),
                    capture_mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    authorization_validity_days = table.Column<int>(type: "integer", nullable: false),
                    unclaimed_authorization_minutes = table.Column<int>(type: "integer", nullable: false),
                    fraud_review_threshold = table.Column<int>(type: "integer", nullable: false),
                    fraud_refuse_threshold = table.Column<int>(type: "integer", nullable: false),
                    velocity_limit_per_hour = table.Column<int>(type: "integer", nullable: false),
                    high_value_minor = table.Column<long>(type: "bigint", nullable: false),
                    disposable_email_domains = table.Column<List<string>>(type: "text[]", nullable: false),
                    webhook_secrets = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payments_tokens",
                columns: table => new
                {
                    token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    brand = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    last4 = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    exp_month = table.Column<int>(type: "integer", nullable: false),
                    exp_year = table.Column<int>(type: "integer", nullable: false),
                    holder_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sandbox_outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_tokens", x => x.token);
                });

            migrationBuilder.CreateTable(
                name: "payments_webhook_events",
                columns: table => new
                {
                    gateway = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    event_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_webhook_events", x => new { x.gateway, x.event_id });
                });

            migrationBuilder.CreateTable(
                name: "pricing_tax_zones",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    region_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pricing_tax_zones", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "shipping_zones",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    areas = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shipping_zones", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "store_channels",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    handle = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    is_default = table.Column<bool>(type: "boolean", nullable: false),
                    archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_store_channels", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "store_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    default_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    enabled_currencies = table.Column<List<string>>(type: "text[]", nullable: false),
                    exchange_rates = table.Column<string>(type: "text", nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    prices_include_tax = table.Column<bool>(type: "boolean", nullable: false),
                    weight_unit = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    order_number_prefix = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    contact_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_store_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_product_channels",
                columns: table => new
                {
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_product_channels", x => new { x.product_id, x.channel_id });
                    table.ForeignKey(
                        name: "fk_catalog_product_channels_catalog_products_product_id",
                        column: x => x.product_id,
                        principalTable: "catalog_products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "catalog_product_media",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    alt = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_product_media", x => x.id);
                    table.ForeignKey(
                        name: "fk_catalog_product_media_catalog_products_product_id",
                        column: x => x.product_id,
                        principalTable: "catalog_products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "catalog_product_options",
                columns: table => new
                {
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    values = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_product_options", x => new { x.product_id, x.position });
                    table.ForeignKey(
                        name: "fk_catalog_product_options_catalog_products_product_id",
                        column: x => x.product_id,
                        principalTable: "catalog_products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "catalog_product_tags",
                columns: table => new
                {
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tag = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_product_tags", x => new { x.product_id, x.tag });
                    table.ForeignKey(
                        name: "fk_catalog_product_tags_catalog_products_product_id",
                        column: x => x.product_id,
                        principalTable: "catalog_products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "catalog_variants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sku = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    barcode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    option_values = table.Column<List<string>>(type: "text[]", nullable: false),
                    option_key = table.Column<string>(type: "character varying(2600)", maxLength: 2600, nullable: false),
                    title = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    price = table.Column<long>(type: "bigint", nullable: false),
                    compare_at_price = table.Column<long>(type: "bigint", nullable: true),
                    cost = table.Column<long>(type: "bigint", nullable: true),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    weight_value = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    weight_unit = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    requires_shipping = table.Column<bool>(type: "boolean", nullable: false),
                    tax_category = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    inventory_policy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_variants", x => x.id);
                    table.ForeignKey(
                        name: "fk_catalog_variants_catalog_products_product_id",
                        column: x => x.product_id,
                        principalTable: "catalog_products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "checkout_cart_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    cart_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    variant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sku = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    product_title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    variant_title = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    image_url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    quantity = table.Column<long>(type: "bigint", nullable: false),
                    unit_price = table.Column<long>(type: "bigint", nullable: false),
                    compare_at_price = table.Column<long>(type: "bigint", nullable: true),
                    requires_shipping = table.Column<bool>(type: "boolean", nullable: false),
                    weight_grams = table.Column<long>(type: "bigint", nullable: false),
                    tax_category = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    issue = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checkout_cart_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_checkout_cart_lines_checkout_carts_cart_id",
                        column: x => x.cart_id,
                        principalTable: "checkout_carts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "customers_addresses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    first_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    last_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    line1 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    line2 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    postal_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customers_addresses", x => x.id);
                    table.ForeignKey(
                        name: "fk_customers_addresses_customers_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers_customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inventory_levels",
                columns: table => new
                {
                    variant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    on_hand = table.Column<long>(type: "bigint", nullable: false),
                    reserved = table.Column<long>(type: "bigint", nullable: false),
                    low_stock_threshold = table.Column<long>(type: "bigint", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_levels", x => new { x.variant_id, x.location_id });
                    table.CheckConstraint("ck_inventory_levels_reserved", "reserved >= 0");
                    table.ForeignKey(
                        name: "fk_inventory_levels_inventory_locations_location_id",
                        column: x => x.location_id,
                        principalTable: "inventory_locations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inventory_location_channels",
                columns: table => new
                {
                    location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_location_channels", x => new { x.location_id, x.channel_id });
                    table.ForeignKey(
                        name: "fk_inventory_location_channels_inventory_locations_location_id",
                        column: x => x.location_id,
                        principalTable: "inventory_locations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inventory_reservation_allocations",
                columns: table => new
                {
                    reservation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    quantity = table.Column<long>(type: "bigint", nullable: false),
                    backordered = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_reservation_allocations", x => new { x.reservation_id, x.location_id });
                    table.CheckConstraint("ck_inventory_reservation_allocations_backordered", "backordered >= 0 AND backordered <= quantity");
                    table.ForeignKey(
                        name: "fk_inventory_reservation_allocations_inventory_reservations_re",
                        column: x => x.reservation_id,
                        principalTable: "inventory_reservations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inventory_transfer_lines",
                columns: table => new
                {
                    transfer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    variant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    quantity = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inventory_transfer_lines", x => new { x.transfer_id, x.variant_id });
                    table.ForeignKey(
                        name: "fk_inventory_transfer_lines_inventory_transfers_transfer_id",
                        column: x => x.transfer_id,
                        principalTable: "inventory_transfers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "orders_edits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    total_before = table.Column<long>(type: "bigint", nullable: false),
                    total_after = table.Column<long>(type: "bigint", nullable: false),
                    refunded = table.Column<long>(type: "bigint", nullable: false),
                    balance_due = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    changes = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders_edits", x => x.id);
                    table.ForeignKey(
                        name: "fk_orders_edits_orders_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "orders_fulfilments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    location_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lines = table.Column<string>(type: "text", nullable: false),
                    carrier = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    tracking_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    tracking_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    label_cost = table.Column<long>(type: "bigint", nullable: true),
                    label_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders_fulfilments", x => x.id);
                    table.ForeignKey(
                        name: "fk_orders_fulfilments_orders_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "orders_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    variant_id = table.Column<Guid>(type: "uuid", nullable: true),
                    product_id = table.Column<Guid>(type: "uuid", nullable: true),
                    sku = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    product_title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    variant_title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    quantity = table.Column<long>(type: "bigint", nullable: false),
                    original_quantity = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    unit_price = table.Column<long>(type: "bigint", nullable: false),
                    unit_cost = table.Column<long>(type: "bigint", nullable: true),
                    cost_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    discount = table.Column<long>(type: "bigint", nullable: false),
                    tax = table.Column<long>(type: "bigint", nullable: false),
                    tax_lines = table.Column<string>(type: "text", nullable: false),
                    total = table.Column<long>(type: "bigint", nullable: false),
                    requires_shipping = table.Column<bool>(type: "boolean", nullable: false),
                    weight_grams = table.Column<long>(type: "bigint", nullable: false),
                    fulfilled = table.Column<long>(type: "bigint", nullable: false),
                    refunded_quantity = table.Column<long>(type: "bigint", nullable: false),
                    returned = table.Column<long>(type: "bigint", nullable: false),
                    restocked = table.Column<long>(type: "bigint", nullable: false),
                    backordered = table.Column<long>(type: "bigint", nullable: false),
                    allocations = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_orders_lines_orders_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "orders_payments",
                columns: table => new
                {
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    state = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    authorized = table.Column<long>(type: "bigint", nullable: false),
                    captured = table.Column<long>(type: "bigint", nullable: false),
                    refunded = table.Column<long>(type: "bigint", nullable: false),
                    brand = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    last4 = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders_payments", x => x.payment_id);
                    table.ForeignKey(
                        name: "fk_orders_payments_orders_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "orders_refunds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    restocked = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    payments = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders_refunds", x => x.id);
                    table.ForeignKey(
                        name: "fk_orders_refunds_orders_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "orders_returns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    lines = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    refund_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    restocked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders_returns", x => x.id);
                    table.ForeignKey(
                        name: "fk_orders_returns_orders_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "orders_timeline",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders_timeline", x => x.id);
                    table.ForeignKey(
                        name: "fk_orders_timeline_orders_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payments_transactions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    fee = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    gateway_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments_transactions", x => x.id);
                    table.ForeignKey(
                        name: "fk_payments_transactions_payments_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments_payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pricing_tax_rates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    zone_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    percentage = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pricing_tax_rates", x => x.id);
                    table.ForeignKey(
                        name: "fk_pricing_tax_rates_pricing_tax_zones_zone_id",
                        column: x => x.zone_id,
                        principalTable: "pricing_tax_zones",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "shipping_rates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    zone_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    carrier = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    service = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    min_days = table.Column<int>(type: "integer", nullable: true),
                    max_days = table.Column<int>(type: "integer", nullable: true),
                    estimated_cost = table.Column<long>(type: "bigint", nullable: true),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    price = table.Column<long>(type: "bigint", nullable: true),
                    free_above = table.Column<long>(type: "bigint", nullable: true),
                    bands = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shipping_rates", x => x.id);
                    table.CheckConstraint("ck_shipping_rates_price", "price IS NULL OR price >= 0");
                    table.ForeignKey(
                        name: "fk_shipping_rates_shipping_zones_zone_id",
                        column: x => x.zone_id,
                        principalTable: "shipping_zones",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "catalog_variant_prices",
                columns: table => new
                {
                    variant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    compare_at_amount = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalog_variant_prices", x => new { x.variant_id, x.currency });
                    table.ForeignKey(
                        name: "fk_catalog_variant_prices_catalog_variants_variant_id",
                        column: x => x.variant_id,
                        principalTable: "catalog_variants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_collection_products_collection_id_position",
                table: "catalog_collection_products",
                columns: new[] { "collection_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_collection_products_product_id",
                table: "catalog_collection_products",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_collections_handle",
                table: "catalog_collections",
                column: "handle",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_catalog_collections_parent_id_position",
                table: "catalog_collections",
                columns: new[] { "parent_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_collections_updated_at",
                table: "catalog_collections",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_product_channels_channel_id_product_id",
                table: "catalog_product_channels",
                columns: new[] { "channel_id", "product_id" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_product_media_product_id_position",
                table: "catalog_product_media",
                columns: new[] { "product_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_product_tags_tag_product_id",
                table: "catalog_product_tags",
                columns: new[] { "tag", "product_id" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_handle",
                table: "catalog_products",
                column: "handle",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_product_type_key",
                table: "catalog_products",
                column: "product_type_key");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_status_created_at_id",
                table: "catalog_products",
                columns: new[] { "status", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_status_min_price_id",
                table: "catalog_products",
                columns: new[] { "status", "min_price", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_status_sort_title_id",
                table: "catalog_products",
                columns: new[] { "status", "sort_title", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_updated_at",
                table: "catalog_products",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_products_vendor_key",
                table: "catalog_products",
                column: "vendor_key");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_variants_product_id_option_key",
                table: "catalog_variants",
                columns: new[] { "product_id", "option_key" },
                unique: true,
                filter: "archived_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_catalog_variants_product_id_price",
                table: "catalog_variants",
                columns: new[] { "product_id", "price" });

            migrationBuilder.CreateIndex(
                name: "ix_catalog_variants_sku",
                table: "catalog_variants",
                column: "sku",
                unique: true,
                filter: "archived_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_checkout_cart_lines_cart_id_variant_id",
                table: "checkout_cart_lines",
                columns: new[] { "cart_id", "variant_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_checkout_carts_status_last_activity_at_id",
                table: "checkout_carts",
                columns: new[] { "status", "last_activity_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_addresses_customer_id",
                table: "customers_addresses",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_customers_customers_email_key",
                table: "customers_customers",
                column: "email_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_api_keys_lookup",
                table: "identity_api_keys",
                column: "lookup",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inventory_ledger_location_id_occurred_at",
                table: "inventory_ledger",
                columns: new[] { "location_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_ledger_variant_id_location_id_occurred_at",
                table: "inventory_ledger",
                columns: new[] { "variant_id", "location_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_levels_location_id_variant_id",
                table: "inventory_levels",
                columns: new[] { "location_id", "variant_id" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_levels_updated_at",
                table: "inventory_levels",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_location_channels_channel_id_location_id",
                table: "inventory_location_channels",
                columns: new[] { "channel_id", "location_id" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_locations_priority_id",
                table: "inventory_locations",
                columns: new[] { "priority", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_inventory_locations_updated_at",
                table: "inventory_locations",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_reservations_active_expiry",
                table: "inventory_reservations",
                column: "expires_at",
                filter: "status = 'Active'");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_reservations_reference",
                table: "inventory_reservations",
                column: "reference");

            migrationBuilder.CreateIndex(
                name: "ix_inventory_transfers_status_id",
                table: "inventory_transfers",
                columns: new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_kernel_idempotency_keys_created_at",
                table: "kernel_idempotency_keys",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_kernel_outbox_pending",
                table: "kernel_outbox",
                columns: new[] { "available_at", "id" },
                filter: "processed_at IS NULL AND dead_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_kernel_outbox_processed_at",
                table: "kernel_outbox",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "ix_orders_edits_order_id",
                table: "orders_edits",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_fulfilments_order_id",
                table: "orders_fulfilments",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_lines_order_id_position",
                table: "orders_lines",
                columns: new[] { "order_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_lines_variant_id",
                table: "orders_lines",
                column: "variant_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_orders_cart_id",
                table: "orders_orders",
                column: "cart_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_orders_customer_id_id",
                table: "orders_orders",
                columns: new[] { "customer_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_orders_email_key_id",
                table: "orders_orders",
                columns: new[] { "email_key", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_orders_number",
                table: "orders_orders",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_orders_payment_id",
                table: "orders_orders",
                column: "payment_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_payments_order_id_position",
                table: "orders_payments",
                columns: new[] { "order_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_refunds_order_id",
                table: "orders_refunds",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_returns_order_id",
                table: "orders_returns",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_timeline_order_id_at",
                table: "orders_timeline",
                columns: new[] { "order_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_fraud_attempts_email_at",
                table: "payments_fraud_attempts",
                columns: new[] { "email", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_fraud_attempts_fingerprint_at",
                table: "payments_fraud_attempts",
                columns: new[] { "fingerprint", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_fraud_attempts_ip_at",
                table: "payments_fraud_attempts",
                columns: new[] { "ip", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_idempotency_status_created_at",
                table: "payments_idempotency",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_payments_gateway_gateway_reference",
                table: "payments_payments",
                columns: new[] { "gateway", "gateway_reference" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_payments_idempotency_key",
                table: "payments_payments",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payments_payments_reference",
                table: "payments_payments",
                column: "reference");

            migrationBuilder.CreateIndex(
                name: "ix_payments_payments_state_authorization_expires_at",
                table: "payments_payments",
                columns: new[] { "state", "authorization_expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_payments_state_created_at",
                table: "payments_payments",
                columns: new[] { "state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_tokens_expires_at",
                table: "payments_tokens",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_payments_transactions_payment_id_at",
                table: "payments_transactions",
                columns: new[] { "payment_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_transactions_status_at",
                table: "payments_transactions",
                columns: new[] { "status", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_pricing_tax_rates_zone_id_position",
                table: "pricing_tax_rates",
                columns: new[] { "zone_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_pricing_tax_zones_country_region_key",
                table: "pricing_tax_zones",
                columns: new[] { "country", "region_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_shipping_rates_zone_id_position",
                table: "shipping_rates",
                columns: new[] { "zone_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_store_channels_handle",
                table: "store_channels",
                column: "handle",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalog_collection_products");

            migrationBuilder.DropTable(
                name: "catalog_collections");

            migrationBuilder.DropTable(
                name: "catalog_product_channels");

            migrationBuilder.DropTable(
                name: "catalog_product_media");

            migrationBuilder.DropTable(
                name: "catalog_product_options");

            migrationBuilder.DropTable(
                name: "catalog_product_tags");

            migrationBuilder.DropTable(
                name: "catalog_variant_prices");

            migrationBuilder.DropTable(
                name: "checkout_cart_lines");

            migrationBuilder.DropTable(
                name: "customers_addresses");

            migrationBuilder.DropTable(
                name: "identity_api_keys");

            migrationBuilder.DropTable(
                name: "inventory_ledger");

            migrationBuilder.DropTable(
                name: "inventory_levels");

            migrationBuilder.DropTable(
                name: "inventory_location_channels");

            migrationBuilder.DropTable(
                name: "inventory_reservation_allocations");

            migrationBuilder.DropTable(
                name: "inventory_transfer_lines");

            migrationBuilder.DropTable(
                name: "kernel_idempotency_keys");

            migrationBuilder.DropTable(
                name: "kernel_outbox");

            migrationBuilder.DropTable(
                name: "kernel_outbox_handled");

            migrationBuilder.DropTable(
                name: "kernel_secrets");

            migrationBuilder.DropTable(
                name: "orders_counters");

            migrationBuilder.DropTable(
                name: "orders_edits");

            migrationBuilder.DropTable(
                name: "orders_fulfilments");

            migrationBuilder.DropTable(
                name: "orders_lines");

            migrationBuilder.DropTable(
                name: "orders_payments");

            migrationBuilder.DropTable(
                name: "orders_refunds");

            migrationBuilder.DropTable(
                name: "orders_returns");

            migrationBuilder.DropTable(
                name: "orders_timeline");

            migrationBuilder.DropTable(
                name: "payments_fraud_attempts");

            migrationBuilder.DropTable(
                name: "payments_idempotency");

            migrationBuilder.DropTable(
                name: "payments_sandbox_operations");

            migrationBuilder.DropTable(
                name: "payments_settings");

            migrationBuilder.DropTable(
                name: "payments_tokens");

            migrationBuilder.DropTable(
                name: "payments_transactions");

            migrationBuilder.DropTable(
                name: "payments_webhook_events");

            migrationBuilder.DropTable(
                name: "pricing_tax_rates");

            migrationBuilder.DropTable(
                name: "shipping_rates");

            migrationBuilder.DropTable(
                name: "store_channels");

            migrationBuilder.DropTable(
                name: "store_settings");

            migrationBuilder.DropTable(
                name: "catalog_variants");

            migrationBuilder.DropTable(
                name: "checkout_carts");

            migrationBuilder.DropTable(
                name: "customers_customers");

            migrationBuilder.DropTable(
                name: "inventory_locations");

            migrationBuilder.DropTable(
                name: "inventory_reservations");

            migrationBuilder.DropTable(
                name: "inventory_transfers");

            migrationBuilder.DropTable(
                name: "orders_orders");

            migrationBuilder.DropTable(
                name: "payments_payments");

            migrationBuilder.DropTable(
                name: "pricing_tax_zones");

            migrationBuilder.DropTable(
                name: "shipping_zones");

            migrationBuilder.DropTable(
                name: "catalog_products");
        }
    }
}
