-- cjm's language server (`cjm lsp`, LSP 3.17 over stdio) in Neovim's
-- built-in client, for buffers of filetype cjm.
--
--   require('cjm.lsp').setup()                          -- cjm from the PATH
--   require('cjm.lsp').setup({ cmd = { '/opt/cjm/bin/cjm', 'lsp' } })
--
-- setup() adds a FileType autocmd that starts (or reuses) one client per
-- project: the nearest directory above the file holding .git, else the
-- file's own directory. Neovim 0.8 and later use vim.lsp.start; 0.7 gets
-- the same through vim.lsp.start_client and buf_attach_client.

local M = {}

-- The options setup() was given, merged over these defaults.
M.options = {
  cmd = { 'cjm', 'lsp' },    -- the server command
  root_markers = { '.git' }, -- what marks a project's root directory
}

-- The root directory of the file in buffer bufnr.
function M.root_dir(bufnr)
  local file = vim.api.nvim_buf_get_name(bufnr)
  local dir = file ~= '' and vim.fn.fnamemodify(file, ':p:h') or vim.fn.getcwd()
  for _, marker in ipairs(M.options.root_markers) do
    local found = vim.fn.finddir(marker, dir .. ';')
    if found == '' then found = vim.fn.findfile(marker, dir .. ';') end
    if found ~= '' then return vim.fn.fnamemodify(found, ':p:h:h') end
  end
  return dir
end

-- The client configuration for buffer bufnr.
function M.config(bufnr)
  return {
    name = 'cjm',
    cmd = M.options.cmd,
    root_dir = M.root_dir(bufnr),
  }
end

-- Clients started on Neovim 0.7, by root directory.
local clients = {}

-- Starts or reuses the client for buffer bufnr and attaches it. Returns
-- the client id.
function M.start(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local config = M.config(bufnr)
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = clients[config.root_dir]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    clients[config.root_dir] = id
  end
  if id then vim.lsp.buf_attach_client(bufnr, id) end
  return id
end

-- Starts the server for every cjm buffer, now and when one is opened.
function M.setup(opts)
  M.options = vim.tbl_extend('force', M.options, opts or {})
  local group = vim.api.nvim_create_augroup('cjm_lsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'cjm',
    callback = function(args) M.start(args.buf) end,
  })
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.bo[buf].filetype == 'cjm' then M.start(buf) end
  end
end

return M
