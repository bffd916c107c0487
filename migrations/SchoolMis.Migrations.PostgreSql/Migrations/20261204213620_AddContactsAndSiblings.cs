using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SchoolMis.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddContactsAndSiblings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Contacts",
                schema: "pupils",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PupilId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Surname = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Forename = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Relationship = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ParentalResponsibility = table.Column<bool>(type: "boolean", nullable: false),
                    Email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AddressAsPupil = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Contacts_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalSchema: "pupils",
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SiblingLinks",
                schema: "pupils",
                columns: table => new
                {
                    PupilId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiblingExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SiblingLinks", x => new { x.PupilId, x.SiblingExternalId });
                    table.ForeignKey(
                        name: "FK_SiblingLinks_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalSchema: "pupils",
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContactPhones",
                schema: "pupils",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ContactId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactPhones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactPhones_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalSchema: "pupils",
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContactPhones_ContactId",
                schema: "pupils",
                table: "ContactPhones",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_PupilId",
                schema: "pupils",
                table: "Contacts",
                column: "PupilId");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_TenantId_ExternalId",
                schema: "pupils",
                table: "Contacts",
                columns: new[] { "TenantId", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_TenantId_PupilId_Order",
                schema: "pupils",
                table: "Contacts",
                columns: new[] { "TenantId", "PupilId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_SiblingLinks_TenantId_SiblingExternalId",
                schema: "pupils",
                table: "SiblingLinks",
                columns: new[] { "TenantId", "SiblingExternalId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContactPhones",
                schema: "pupils");

            migrationBuilder.DropTable(
                name: "SiblingLinks",
                schema: "pupils");

            migrationBuilder.DropTable(
                name: "Contacts",
                schema: "pupils");
        }
    }
}
