// The help lines of the web commands, apart from web/cli.ts so `jixiao --help` does not load fastify.
export const WEB_USAGE = `  jixiao serve [--port 8080] [--host 127.0.0.1] [--data <文件夹>]
                                                    启动网页版（上传、浏览、跟进、导出），打开显示的地址即可使用
  jixiao user add <用户名> --role reviewer|viewer [--data <文件夹>]
                                                    创建或重设网页账户（密码从键盘或标准输入读取）；user list / user remove <用户名>`;
