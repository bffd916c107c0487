using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SchoolMis.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddCensusPupilItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Boarder",
                schema: "pupils",
                table: "Pupils",
                type: "nvarchar(1)",
                maxLength: 1,
                nullable: false,
                defaultValue: "N");

            migrationBuilder.AddColumn<bool>(
                name: "PartTime",
                schema: "pupils",
                table: "Pupils",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ServiceChild",
                schema: "pupils",
                table: "Pupils",
                type: "nvarchar(1)",
                maxLength: 1,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "YoungCarer",
                schema: "pupils",
                table: "Pupils",
                type: "nvarchar(1)",
                maxLength: 1,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ResourcedProvision",
                schema: "sen",
                table: "ProvisionPeriods",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "SenUnit",
                schema: "sen",
                table: "ProvisionPeriods",
                type: "bit",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Boarder",
                schema: "pupils",
                table: "Pupils");

            migrationBuilder.DropColumn(
                name: "PartTime",
                schema: "pupils",
                table: "Pupils");

            migrationBuilder.DropColumn(
                name: "ServiceChild",
                schema: "pupils",
                table: "Pupils");

            migrationBuilder.DropColumn(
                name: "YoungCarer",
                schema: "pupils",
                table: "Pupils");

            migrationBuilder.DropColumn(
                name: "ResourcedProvision",
                schema: "sen",
                table: "ProvisionPeriods");

            migrationBuilder.DropColumn(
                name: "SenUnit",
                schema: "sen",
                table: "ProvisionPeriods");
        }
    }
}
