#!/usr/bin/env bash
# Regenerates the test fixtures saved by a real spreadsheet program (LibreOffice Calc, headless) from their CSV
# sources in src/test/resources/xlsx/. Needs soffice (Debian: apt-get install libreoffice-calc-nogui).
#   carteira-libreoffice.csv -> .xlsx and .xls   ';', UTF-8, pt-BR locale: dd/MM/yyyy dates and decimal commas
#   loans-libreoffice.csv    -> .xlsx            ',', UTF-8, en-US locale: MM/dd/yyyy dates
# LibreOffice stores the phone columns as numbers, the dates as date-formatted serial numbers, and the title row and
# empty row as they are, which is what the XLSX reader has to cope with.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../src/test/resources/xlsx"
soffice --headless --infilter="CSV:59,34,76,1,,1046" --convert-to xlsx carteira-libreoffice.csv
soffice --headless --infilter="CSV:59,34,76,1,,1046" --convert-to xls carteira-libreoffice.csv
soffice --headless --infilter="CSV:44,34,76,1,,1033" --convert-to xlsx loans-libreoffice.csv
