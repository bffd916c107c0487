using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SchoolMis.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddImportJobAdmissionDate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AdmissionDate",
                schema: "imports",
                table: "ImportJobs",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AdmissionDate",
                schema: "imports",
                table: "ImportJobs");
        }
    }
}
