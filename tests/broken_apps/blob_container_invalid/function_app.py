"""Blob container names are lowercase, and a blob trigger watches one literal container."""

import azfunc as func

app = func.FunctionApp()


@app.blob_trigger(arg_name="upload", path="{tenant}/{name}", connection="AzureWebJobsStorage")
@app.blob_output(arg_name="copy", path="Archive_2024/{name}", connection="AzureWebJobsStorage")
def archive(upload: func.InputStream, copy: func.Out[bytes]) -> None:
    copy.set(upload.read())
