/**
 * Files written to {@code --out}: each to a temporary file in the same folder, then moved into
 * place atomically ({@link io.github.vsched.cli.output.OutputDir}), so a file is complete or
 * not there at all. {@code result.json} ({@link io.github.vsched.cli.output.ResultJson}) and
 * the tidy CSV files ({@link io.github.vsched.cli.output.ResultCsv}).
 */
package io.github.vsched.cli.output;
